"""Practising a call as the screens run it: a call saved turn by turn and retried at will
(`session`), and what the debrief says about it against earlier attempts (`debrief`). It sits
above the history because it reads and writes it. It may import `history` and every folder
below it, but not `authoring` or `progress`."""
