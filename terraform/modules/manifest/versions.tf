terraform {
  # Provider-free on purpose; 1.0 is enough, so the tests can evaluate it with an old offline binary.
  required_version = ">= 1.0.0"
}
