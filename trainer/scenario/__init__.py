"""Scenarios: the file format as pydantic models (`model`), the checks of a scenario's
dialogue graph (`graph`), and the library that loads every scenario folder and reports each
broken file at its line (`library`). It may import `scoring` and `support`."""
