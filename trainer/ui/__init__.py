"""The terminal screens: a thin Textual layer over the core (scenarios, dialogue, history)."""
