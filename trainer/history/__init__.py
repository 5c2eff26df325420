"""The score history: the SQLite database, opened and migrated safely (`database`, `schema`),
calls and turns saved and read (`store`), every query the progress figures need (`queries`),
how the screens get a store (`access`), whether a call's process still runs (`processes`),
and the history as a table, CSV or JSON (`report`). All of the trainer's SQL is here. It may
import `call`, `scenario`, `scoring` and `support`."""
