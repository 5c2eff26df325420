"""Rehearse hard customer-service calls before making them.

The package is grouped by feature, and its folders are layers: a folder imports only from
the folders below it (ARCHITECTURE.md draws them; `lint-imports` checks them):

    cli > ui > authoring | progress | practice > history > call > scenario > scoring > support

Every folder but `ui` is the core: plain Python that never imports Textual or Rich (but for
`cli.screens`, which starts the screens when `trainer` runs in a terminal). Only `history`
imports `sqlite3`.
"""

__version__ = "0.1.0"
