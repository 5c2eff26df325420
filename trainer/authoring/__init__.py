"""Writing scenarios: the scaffold (`scaffold`), self-tests (`selftests`), the `--strict`
warnings (`lint`), the reference of every key (`reference`), the node map (`nodemap`), saving
a draft without ever replacing a valid file with a broken one (`drafts`), and the editor's
check of a text as it is typed (`editing`). It may import `history` and every folder below
it, but not `practice` or `progress`."""
