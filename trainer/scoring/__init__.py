"""Scoring one reply: the rubric (TOML data and its models), the fuzzy phrase matcher, the
structural features, the time-limited pattern search, and the scorer that turns cues into the
four scores and says why. It may import only `support`."""
