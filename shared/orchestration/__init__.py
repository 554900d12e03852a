"""Ask in plain language -> evidence-backed report: routing, planning, parallel agents, synthesis, cache."""
