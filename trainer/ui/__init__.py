"""The terminal screens: a thin Textual layer over the core. `startup` builds the app as the
command line runs it, `app` is the app, built from a `context` (library, scores folder,
settings, clock), `screens/` has one module and one `.tcss`
per screen, `widgets/` the parts they are built from, and `render` turns scores and cues into
Textual content. It may import every core folder; only `cli` imports it."""
