"""The trainer's screens, one module and one `.tcss` each (`editor_dialogs` holds the
editor's questions, `base` what every screen shares); each is imported when first shown. A
screen may import the widgets, `render`, `context` and the core, never the app (but for the
app's type, and its keys in Help)."""
