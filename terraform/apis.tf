# Every Google API this deployment calls, enabled by Terraform itself (nothing left to a manual step but
# Service Usage, which enabling needs). Services stay enabled on destroy: other workloads may use them.
locals {
  apis = toset(concat([
    "artifactregistry.googleapis.com", # function images (google_artifact_registry_repository.functions)
    "bigquery.googleapis.com",         # the warehouse
    "cloudbuild.googleapis.com",       # Cloud Functions gen2 builds the bundles
    "cloudfunctions.googleapis.com",
    "cloudresourcemanager.googleapis.com", # project IAM members, data.google_project
    "cloudscheduler.googleapis.com",       # manifest schedules
    "eventarc.googleapis.com",             # required by Cloud Functions gen2 deployments
    "firestore.googleapis.com",
    "iam.googleapis.com",            # service accounts
    "iamcredentials.googleapis.com", # signBlob: V4 signed upload/download URLs from a function's own identity
    "logging.googleapis.com",
    "pubsub.googleapis.com",
    "run.googleapis.com", # gen2 functions are Cloud Run services (run.invoker grants)
    "secretmanager.googleapis.com",
    "storage.googleapis.com",
  ], var.kms_key_name == null ? [] : ["cloudkms.googleapis.com"]))
}

resource "google_project_service" "apis" {
  for_each           = local.apis
  project            = var.project_id
  service            = each.value
  disable_on_destroy = false
}
