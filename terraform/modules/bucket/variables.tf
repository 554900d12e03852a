variable "name" {
  description = "Bucket name (globally unique)."
  type        = string
}

variable "location" {
  description = "Bucket location (the stack's region)."
  type        = string
}

variable "labels" {
  description = "Labels of the stack."
  type        = map(string)
  default     = {}
}

variable "delete_after_days" {
  description = "Delete objects this many days after creation; null keeps them."
  type        = number
  default     = null
}

variable "noncurrent_delete_days" {
  description = "Delete replaced (noncurrent) versions this many days after they were replaced; null keeps them."
  type        = number
  default     = null
}

variable "kms_key_name" {
  description = "CMEK key for the bucket's default encryption; null uses Google-managed keys."
  type        = string
  default     = null
}

variable "access_log_bucket" {
  description = "Bucket receiving this bucket's access logs; null turns access logging off."
  type        = string
  default     = null
}
