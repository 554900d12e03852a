variable "project_id" {
  description = "Google Cloud project to deploy into."
  type        = string
}

variable "region" {
  description = "Region for Cloud Functions, buckets and Cloud Scheduler (e.g. europe-west1)."
  type        = string
  default     = "europe-west1"
}

variable "bigquery_location" {
  description = "BigQuery dataset location (a multi-region such as EU, or a region)."
  type        = string
  default     = "EU"
}

variable "firestore_location" {
  description = "Firestore database location (e.g. eur3 or europe-west1)."
  type        = string
  default     = "eur3"
}

variable "bucket_prefix" {
  description = "Buckets are named <bucket_prefix>-<manifest bucket>; must be globally unique."
  type        = string
}

variable "dataset" {
  description = "BigQuery dataset holding every warehouse table."
  type        = string
  default     = "ecomintel"
}

variable "bundle_dir" {
  description = "Directory of per-function source zips built by 'make bundles' (<function>.zip)."
  type        = string
  default     = "../dist/functions"
}

variable "kms_key_name" {
  description = "Cloud KMS key in var.region (projects/.../locations/<region>/keyRings/.../cryptoKeys/...) for CMEK on buckets, topics, the secret replica, function images and functions; null uses Google-managed keys. See cmek.tf."
  type        = string
  default     = null
}

variable "bigquery_kms_key_name" {
  description = "Cloud KMS key in the dataset's location (locations/europe for EU, locations/us for US) for the dataset and tables; null uses kms_key_name."
  type        = string
  default     = null
}

variable "optional_secrets" {
  description = "Optional manifest secrets (required: false) to mount, e.g. [\"ecomintel-gemini-api-key\"]; add a version before listing one."
  type        = list(string)
  default     = []
}

variable "access_log_bucket" {
  description = "Existing bucket receiving Cloud Storage access logs; null disables access logging."
  type        = string
  default     = null
}

variable "public_http_functions" {
  description = "Allow unauthenticated invocation of HTTP functions whose manifest trigger has auth: public."
  type        = bool
  default     = false
}

variable "max_delivery_attempts" {
  description = "Push deliveries before a message goes to its topic's dead-letter topic."
  type        = number
  default     = 5
}

variable "labels" {
  description = "Labels applied to every labelled resource."
  type        = map(string)
  default     = {}
}
