terraform {
  # Provider-free on purpose (like modules/manifest): `terraform console` evaluates it offline in the tests.
  required_version = ">= 1.0.0"
}
