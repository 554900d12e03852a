# One private Cloud Storage bucket the way every bucket of the stack is made: uniform access, public access
# prevention, versioning, optional expiry of current and noncurrent versions, CMEK and access logging when
# the stack turns them on.
resource "google_storage_bucket" "this" {
  #checkov:skip=CKV_GCP_62:Access logging is enabled when var.access_log_bucket is set (dynamic block below).
  name                        = var.name
  location                    = var.location
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  force_destroy               = false
  labels                      = var.labels

  versioning {
    enabled = true
  }

  dynamic "lifecycle_rule" {
    for_each = var.delete_after_days == null ? [] : [var.delete_after_days]
    content {
      action {
        type = "Delete"
      }
      condition {
        age = lifecycle_rule.value
      }
    }
  }

  dynamic "lifecycle_rule" {
    for_each = var.noncurrent_delete_days == null ? [] : [var.noncurrent_delete_days]
    content {
      action {
        type = "Delete"
      }
      condition {
        days_since_noncurrent_time = lifecycle_rule.value
      }
    }
  }

  dynamic "encryption" {
    for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
    content {
      default_kms_key_name = encryption.value
    }
  }

  dynamic "logging" {
    for_each = var.access_log_bucket == null ? [] : [var.access_log_bucket]
    content {
      log_bucket = logging.value
    }
  }
}
