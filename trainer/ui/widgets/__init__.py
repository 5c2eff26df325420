"""Widgets the screens are built from; each posts messages and renders what it is given. A
widget may import `render`, `context` and the core, never a screen or the app."""
