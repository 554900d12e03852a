# Cloud Functions gen2 builds each bundle with Cloud Build. Projects created since mid-2024 no longer
# give the Compute default account the builder role, so the build runs as its own account with it.
resource "google_service_account" "build" {
  account_id   = "ecomintel-build"
  display_name = "Cloud Build identity building ecomintel functions"
  depends_on   = [google_project_service.apis]
}

# roles/cloudbuild.builds.builder: read the source zip, write logs, push the image to Artifact Registry.
resource "google_project_iam_member" "build" {
  #checkov:skip=CKV_GCP_49:Cloud Functions gen2 requires roles/cloudbuild.builds.builder on the project for a custom build account; this account is dedicated to builds and runs no workload.
  project = var.project_id
  role    = "roles/cloudbuild.builds.builder"
  member  = "serviceAccount:${google_service_account.build.email}"
}

# The function images live in a repository this deployment owns (CMEK-encrypted when kms_key_name is set,
# which Cloud Functions requires of a CMEK function's docker_repository).
resource "google_artifact_registry_repository" "functions" {
  repository_id = "ecomintel-functions"
  location      = var.region
  format        = "DOCKER"
  description   = "Images Cloud Build makes from the ecomintel function bundles."
  kms_key_name  = var.kms_key_name
  labels        = local.labels
  depends_on    = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}
