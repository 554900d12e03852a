variable "project_id" {
  description = "Project the function runs in."
  type        = string
}

variable "region" {
  description = "Region of the function."
  type        = string
}

variable "name" {
  description = "Function name (the manifest key); also names its service account."
  type        = string
  validation {
    condition     = can(regex("^[a-z][a-z0-9_-]{0,48}$", var.name))
    error_message = "Function names are lowercase letters, digits, '-' or '_' (at most 49 characters)."
  }
}

variable "description" {
  description = "What the function does."
  type        = string
  default     = ""
}

variable "entry_point" {
  description = "Python entry point (unique across functions)."
  type        = string
}

variable "runtime" {
  description = "Cloud Functions runtime."
  type        = string
  default     = "python311"
}

variable "source_bucket" {
  description = "Bucket holding the function's source zip."
  type        = string
}

variable "source_object" {
  description = "Object name of the source zip (content-addressed so changes redeploy)."
  type        = string
}

variable "build_service_account" {
  description = "Fully qualified id (projects/<p>/serviceAccounts/<email>) of the account Cloud Build builds with."
  type        = string
}

variable "docker_repository" {
  description = "Artifact Registry repository id (projects/<p>/locations/<r>/repositories/<name>) for the image; null lets Cloud Functions use gcf-artifacts."
  type        = string
  default     = null
}

variable "memory_mb" {
  description = "Memory per instance in MiB."
  type        = number
  default     = 256
}

variable "timeout_s" {
  description = "Request timeout in seconds."
  type        = number
  default     = 60
  validation {
    condition     = var.timeout_s > 0 && var.timeout_s <= 3600
    error_message = "timeout_s must be in 1..3600."
  }
}

variable "max_instances" {
  description = "Maximum instances."
  type        = number
  default     = 10
}

variable "min_instances" {
  description = "Minimum (warm) instances."
  type        = number
  default     = 0
}

variable "env" {
  description = "Plain environment variables (never secrets)."
  type        = map(string)
  default     = {}
}

variable "secret_env" {
  description = "Environment variable name -> Secret Manager secret id (latest version is mounted, and readable by this function only)."
  type        = map(string)
  default     = {}
}

variable "ingress" {
  description = "ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  type        = string
  default     = "ALLOW_INTERNAL_ONLY"
  validation {
    condition     = contains(["ALLOW_ALL", "ALLOW_INTERNAL_ONLY", "ALLOW_INTERNAL_AND_GCLB"], var.ingress)
    error_message = "ingress must be ALLOW_ALL, ALLOW_INTERNAL_ONLY or ALLOW_INTERNAL_AND_GCLB."
  }
}

variable "public" {
  description = "Grant allUsers run.invoker (only for HTTP functions that authenticate callers themselves)."
  type        = bool
  default     = false
}

variable "project_roles" {
  description = "Project-level roles for the function's own service account."
  type        = list(string)
  default     = []
}

variable "kms_key_name" {
  description = "CMEK key for the function's build artifacts; null for Google-managed."
  type        = string
  default     = null
}

variable "labels" {
  description = "Labels for the function."
  type        = map(string)
  default     = {}
}
