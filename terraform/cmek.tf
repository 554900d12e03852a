# Customer-managed encryption keys (optional: var.kms_key_name). A CMEK deployment only applies when every
# Google service agent that encrypts on our behalf may use the key, and each key sits where its data sits:
# - kms_key_name (a key in var.region): the buckets, Pub/Sub topics, the Secret Manager replica, the
#   Artifact Registry repository and the functions. Service agents: Cloud Storage, Pub/Sub, Secret Manager,
#   Artifact Registry, Cloud Functions and Cloud Run.
# - bigquery_kms_key_name (a key in the dataset's location: "europe" for EU, "us" for US): the dataset and
#   its tables, used by the BigQuery service agent. Defaults to kms_key_name when the dataset is regional.
# Firestore stays on Google-managed keys (Firestore CMEK is configured per database, not here).

locals {
  cmek = var.kms_key_name != null
  # KMS spells BigQuery's multi-regions "europe" and "us".
  bigquery_key_location = lookup({ EU = "europe", US = "us" }, upper(var.bigquery_location), lower(var.bigquery_location))
  bigquery_kms_key_name = var.bigquery_kms_key_name != null ? var.bigquery_kms_key_name : var.kms_key_name
  project_number        = data.google_project.this.number

  # Agents whose identity may not exist until first use: created explicitly so the grants below apply.
  cmek_identities = local.cmek ? toset(["artifactregistry.googleapis.com", "pubsub.googleapis.com", "secretmanager.googleapis.com"]) : toset([])
  # Static keys (agent -> member), so for_each is known at plan time even before the data sources are read.
  cmek_regional_members = local.cmek ? {
    storage          = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
    pubsub           = "serviceAccount:service-${local.project_number}@gcp-sa-pubsub.iam.gserviceaccount.com"
    secretmanager    = "serviceAccount:service-${local.project_number}@gcp-sa-secretmanager.iam.gserviceaccount.com"
    artifactregistry = "serviceAccount:service-${local.project_number}@gcp-sa-artifactregistry.iam.gserviceaccount.com"
    cloudfunctions   = "serviceAccount:service-${local.project_number}@gcf-admin-robot.iam.gserviceaccount.com"
    cloudrun         = "serviceAccount:service-${local.project_number}@serverless-robot-prod.iam.gserviceaccount.com"
  } : {}
}

resource "google_project_service_identity" "cmek" {
  provider   = google-beta
  for_each   = local.cmek_identities
  project    = var.project_id
  service    = each.value
  depends_on = [google_project_service.apis]
}

data "google_bigquery_default_service_account" "bq" {
  depends_on = [google_project_service.apis]
}

resource "google_kms_crypto_key_iam_member" "regional" {
  for_each      = local.cmek_regional_members
  crypto_key_id = var.kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = each.value
  depends_on    = [google_project_service_identity.cmek]

  lifecycle {
    precondition {
      condition     = can(regex("/locations/${var.region}/", var.kms_key_name))
      error_message = "kms_key_name must be a key in var.region (${var.region}): regional buckets, the secret replica and the function images need a key in their own region."
    }
  }
}

resource "google_kms_crypto_key_iam_member" "bigquery" {
  for_each      = local.bigquery_kms_key_name == null ? {} : { bigquery = "serviceAccount:${data.google_bigquery_default_service_account.bq.email}" }
  crypto_key_id = local.bigquery_kms_key_name
  role          = "roles/cloudkms.cryptoKeyEncrypterDecrypter"
  member        = each.value

  lifecycle {
    precondition {
      condition     = can(regex("/locations/${local.bigquery_key_location}/", local.bigquery_kms_key_name))
      error_message = "The BigQuery key must be in the dataset's location (${local.bigquery_key_location} for bigquery_location ${var.bigquery_location}); set bigquery_kms_key_name."
    }
  }
}

# As in the provider's CMEK example for gen2 functions: the Cloud Functions agent manages the CMEK repository.
resource "google_artifact_registry_repository_iam_member" "gcf_agent" {
  count      = local.cmek ? 1 : 0
  project    = var.project_id
  location   = google_artifact_registry_repository.functions.location
  repository = google_artifact_registry_repository.functions.name
  role       = "roles/artifactregistry.admin"
  member     = "serviceAccount:service-${local.project_number}@gcf-admin-robot.iam.gserviceaccount.com"
}
