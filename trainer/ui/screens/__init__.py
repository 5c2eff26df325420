"""The trainer's screens, one module each; each is imported when first shown."""
