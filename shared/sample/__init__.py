"""A deterministic sample merchant for demos, tests and benchmarks."""
