variable "manifest_yaml" {
  description = "Text of infra/functions.yaml."
  type        = string
}

variable "optional_secrets" {
  description = "Optional secrets (required: false in the manifest) to mount on the functions that list them."
  type        = list(string)
  default     = []
}
