"""What every other folder leans on: where files live (`paths`), writing a file whole
(`files`), reading TOML into validated models with every problem pinned to its line
(`tomlfile`, `toml_positions`, `problems`), "did you mean" suggestions (`suggest`), the base
of every file format (`models`), the person's settings (`settings`), small text helpers
(`text`) and making untrusted text safe to show (`terminal`). It is the ground floor: it
imports nothing else of the trainer."""
