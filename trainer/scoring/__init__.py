"""Scoring replies: rubrics, cue matching and the four dimensions."""
