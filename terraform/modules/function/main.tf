# One Cloud Function (gen2) with its own runtime service account.

resource "google_service_account" "runtime" {
  project      = var.project_id
  account_id   = substr("fn-${replace(var.name, "_", "-")}", 0, 30)
  display_name = "ecomintel function ${var.name}"
}

resource "google_project_iam_member" "runtime" {
  for_each = toset(var.project_roles)
  project  = var.project_id
  role     = each.value
  member   = "serviceAccount:${google_service_account.runtime.email}"
}

# Read access to exactly the secrets mounted on this function.
resource "google_secret_manager_secret_iam_member" "runtime" {
  for_each  = var.secret_env
  project   = var.project_id
  secret_id = each.value
  role      = "roles/secretmanager.secretAccessor"
  member    = "serviceAccount:${google_service_account.runtime.email}"
}

resource "google_cloudfunctions2_function" "this" {
  project      = var.project_id
  location     = var.region
  name         = replace(var.name, "_", "-")
  description  = var.description
  labels       = var.labels
  kms_key_name = var.kms_key_name

  build_config {
    runtime           = var.runtime
    entry_point       = var.entry_point
    service_account   = var.build_service_account
    docker_repository = var.docker_repository
    source {
      storage_source {
        bucket = var.source_bucket
        object = var.source_object
      }
    }
  }

  service_config {
    available_memory                 = "${var.memory_mb}M"
    timeout_seconds                  = var.timeout_s
    max_instance_count               = var.max_instances
    min_instance_count               = var.min_instances
    ingress_settings                 = var.ingress
    all_traffic_on_latest_revision   = true
    service_account_email            = google_service_account.runtime.email
    environment_variables            = var.env
    max_instance_request_concurrency = 1

    dynamic "secret_environment_variables" {
      for_each = var.secret_env
      content {
        key        = secret_environment_variables.key
        project_id = var.project_id
        secret     = secret_environment_variables.value
        version    = "latest"
      }
    }
  }

  depends_on = [google_secret_manager_secret_iam_member.runtime]
}

resource "google_cloud_run_service_iam_member" "public" {
  #checkov:skip=CKV_GCP_102:Only when var.public (off by default) for an HTTP function whose manifest says auth: public; such functions authenticate callers themselves (signed URLs / bearer tokens in shared/http.py).
  count    = var.public ? 1 : 0
  project  = var.project_id
  location = var.region
  service  = google_cloudfunctions2_function.this.service_config[0].service
  role     = "roles/run.invoker"
  member   = "allUsers"
}
