"""Widgets the screens are built from; each posts messages and renders what it is given."""
