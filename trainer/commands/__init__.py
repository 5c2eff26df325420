"""What each `trainer` command does, once its arguments are parsed (see `trainer.cli`)."""
