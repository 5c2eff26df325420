"""The `trainer` command: the argument parser (`parser`), the entry point (`main`), one
module per group of commands (`library`, `practice`, `records`, `authoring`, `screens`) and
the output helpers they share (`output`). It is the top floor: it may import every folder,
and starts the screens (`ui`) only when run in a terminal."""
