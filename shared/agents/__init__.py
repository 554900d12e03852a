"""The agent registry: name -> runner, so the orchestrator and agent functions share one lookup."""
