# Everything that exists, read from the one manifest (infra/functions.yaml) and the generated BigQuery
# schemas (infra/bigquery). Nothing here lists a function, topic, bucket or table by hand.

module "manifest" {
  source           = "./modules/manifest"
  manifest_yaml    = file("${path.module}/../infra/functions.yaml")
  optional_secrets = var.optional_secrets
}

locals {
  functions          = module.manifest.functions
  http_functions     = module.manifest.http_functions
  topics             = module.manifest.topics
  buckets            = module.manifest.buckets
  schedules          = module.manifest.schedules
  secrets            = module.manifest.secrets
  dead_letter_topics = module.manifest.dead_letter_topics
  subscriptions      = module.manifest.subscriptions
  tables             = jsondecode(file("${path.module}/../infra/bigquery/_tables.json"))
  labels             = merge({ app = "ecomintel", managed-by = "terraform" }, var.labels)

  function_env = {
    ECOMINTEL_BACKEND       = "gcp"
    ECOMINTEL_PROJECT_ID    = var.project_id
    ECOMINTEL_REGION        = var.region
    ECOMINTEL_DATASET       = var.dataset
    ECOMINTEL_BUCKET_PREFIX = var.bucket_prefix
  }

  # A function's secret env vars (see modules/manifest: required ones plus var.optional_secrets), referenced
  # through the secret resources so a secret exists before the module grants access to it.
  function_secret_env = { for fname, mounted in module.manifest.mounted_secrets : fname => {
    for env, s in mounted : env => google_secret_manager_secret.secrets[s].secret_id
  } }
}

data "google_project" "this" {}

# ---------------------------------------------------------------------------------------------------
# Cloud Storage: manifest buckets (raw keeps 90 days), plus the bucket holding function sources.
# ---------------------------------------------------------------------------------------------------
module "buckets" {
  source                 = "./modules/bucket"
  for_each               = local.buckets
  name                   = "${var.bucket_prefix}-${each.key}"
  location               = var.region
  labels                 = local.labels
  delete_after_days      = try(each.value.lifecycle_delete_days, null)
  noncurrent_delete_days = 7
  kms_key_name           = var.kms_key_name
  access_log_bucket      = var.access_log_bucket

  depends_on = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

module "sources" {
  source            = "./modules/bucket"
  name              = "${var.bucket_prefix}-function-sources"
  location          = var.region
  labels            = local.labels
  kms_key_name      = var.kms_key_name
  access_log_bucket = var.access_log_bucket

  depends_on = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

# The buckets were resources of this module before modules/bucket: their state moves, nothing is replaced.
moved {
  from = google_storage_bucket.buckets["raw"]
  to   = module.buckets["raw"].google_storage_bucket.this
}

moved {
  from = google_storage_bucket.buckets["reports"]
  to   = module.buckets["reports"].google_storage_bucket.this
}

moved {
  from = google_storage_bucket.sources
  to   = module.sources.google_storage_bucket.this
}

resource "google_storage_bucket_object" "function_source" {
  for_each = local.functions
  name     = "${each.key}/${filemd5("${var.bundle_dir}/${each.key}.zip")}.zip"
  bucket   = module.sources.name
  source   = "${var.bundle_dir}/${each.key}.zip"
}

# Finalize notifications of buckets that declare a notification topic (the manifest's storage triggers).
data "google_storage_project_service_account" "gcs" {}

resource "google_pubsub_topic_iam_member" "gcs_notifications" {
  for_each = { for name, b in local.buckets : name => b.notification_topic if try(b.notification_topic, null) != null }
  topic    = google_pubsub_topic.topics[each.value].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${data.google_storage_project_service_account.gcs.email_address}"
}

resource "google_storage_notification" "finalize" {
  for_each       = { for name, b in local.buckets : name => b.notification_topic if try(b.notification_topic, null) != null }
  bucket         = module.buckets[each.key].name
  topic          = google_pubsub_topic.topics[each.value].id
  payload_format = "JSON_API_V1"
  event_types    = ["OBJECT_FINALIZE"]
  depends_on     = [google_pubsub_topic_iam_member.gcs_notifications]
}

# ---------------------------------------------------------------------------------------------------
# Pub/Sub: topics, dead-letter topics, one push subscription per subscriber.
# ---------------------------------------------------------------------------------------------------
resource "google_pubsub_topic" "topics" {
  for_each     = local.topics
  name         = each.key
  kms_key_name = var.kms_key_name
  labels       = local.labels
  depends_on   = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

resource "google_pubsub_topic" "dead_letter" {
  for_each     = local.dead_letter_topics
  name         = each.value
  kms_key_name = var.kms_key_name
  labels       = local.labels
  depends_on   = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

# Dead letters are kept for inspection and replay. Pub/Sub deletes a subscription after 31 days without
# activity unless its expiration policy has an empty ttl: a hold subscription is idle by design.
resource "google_pubsub_subscription" "dead_letter" {
  for_each                   = local.dead_letter_topics
  name                       = "${each.value}--hold"
  topic                      = google_pubsub_topic.dead_letter[each.key].id
  message_retention_duration = "604800s"
  labels                     = local.labels

  expiration_policy {
    ttl = ""
  }
}

resource "google_service_account" "pubsub_invoker" {
  account_id   = "ecomintel-pubsub-invoker"
  display_name = "Pub/Sub push identity invoking ecomintel functions"
  depends_on   = [google_project_service.apis]
}

resource "google_pubsub_subscription" "push" {
  for_each             = local.subscriptions
  name                 = each.key
  topic                = google_pubsub_topic.topics[each.value.topic].id
  ack_deadline_seconds = min(600, max(10, local.functions[each.value.function].timeout_s))
  labels               = local.labels

  # A topic can stay quiet for a month (no deep question, no sync source): its subscriber must not vanish.
  expiration_policy {
    ttl = ""
  }

  push_config {
    push_endpoint = module.function[each.value.function].uri
    oidc_token {
      service_account_email = google_service_account.pubsub_invoker.email
      audience              = module.function[each.value.function].uri
    }
  }

  retry_policy {
    minimum_backoff = "10s"
    maximum_backoff = "600s"
  }

  dynamic "dead_letter_policy" {
    for_each = contains(keys(local.dead_letter_topics), each.value.topic) ? [local.dead_letter_topics[each.value.topic]] : []
    content {
      dead_letter_topic     = google_pubsub_topic.dead_letter[each.value.topic].id
      max_delivery_attempts = var.max_delivery_attempts
    }
  }
}

# Pub/Sub's service agent must be able to forward to dead-letter topics and ack the source subscription.
resource "google_pubsub_topic_iam_member" "dead_letter_publisher" {
  for_each = local.dead_letter_topics
  topic    = google_pubsub_topic.dead_letter[each.key].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_pubsub_subscription_iam_member" "dead_letter_subscriber" {
  for_each     = { for name, s in local.subscriptions : name => s if contains(keys(local.dead_letter_topics), s.topic) }
  subscription = google_pubsub_subscription.push[each.key].name
  role         = "roles/pubsub.subscriber"
  member       = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-pubsub.iam.gserviceaccount.com"
}

resource "google_cloud_run_service_iam_member" "push_invoker" {
  for_each = { for name, s in local.subscriptions : s.function => s... }
  location = var.region
  service  = module.function[each.key].service_name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.pubsub_invoker.email}"
}

# ---------------------------------------------------------------------------------------------------
# Cloud Scheduler: each manifest schedule publishes its payload to its topic.
# ---------------------------------------------------------------------------------------------------
resource "google_cloud_scheduler_job" "schedules" {
  for_each    = local.schedules
  name        = each.key
  description = each.value.description
  schedule    = each.value.cron
  time_zone   = each.value.time_zone
  region      = var.region

  pubsub_target {
    topic_name = google_pubsub_topic.topics[each.value.topic].id
    data       = base64encode(each.value.data)
    attributes = { schedule = each.key }
  }

  depends_on = [google_project_service.apis]
}

# ---------------------------------------------------------------------------------------------------
# Firestore (native mode) and BigQuery.
# ---------------------------------------------------------------------------------------------------
resource "google_firestore_database" "default" {
  name                              = "(default)"
  location_id                       = var.firestore_location
  type                              = "FIRESTORE_NATIVE"
  point_in_time_recovery_enablement = "POINT_IN_TIME_RECOVERY_ENABLED"
  delete_protection_state           = "DELETE_PROTECTION_ENABLED"
  deletion_policy                   = "ABANDON"
  depends_on                        = [google_project_service.apis]
}

resource "google_bigquery_dataset" "warehouse" {
  dataset_id  = var.dataset
  location    = var.bigquery_location
  description = "ecomintel warehouse: staged and processed merchant data, rejects, agent outputs."
  labels      = local.labels

  dynamic "default_encryption_configuration" {
    for_each = local.bigquery_kms_key_name == null ? [] : [local.bigquery_kms_key_name]
    content {
      kms_key_name = default_encryption_configuration.value
    }
  }

  depends_on = [google_project_service.apis, google_kms_crypto_key_iam_member.bigquery]
}

resource "google_bigquery_table" "tables" {
  for_each            = local.tables
  dataset_id          = google_bigquery_dataset.warehouse.dataset_id
  table_id            = each.key
  description         = each.value.description
  schema              = file("${path.module}/../infra/bigquery/${each.key}.json")
  clustering          = length(each.value.cluster_fields) > 0 ? each.value.cluster_fields : null
  deletion_protection = true
  labels              = local.labels

  dynamic "time_partitioning" {
    for_each = each.value.partition_field == null ? [] : [each.value]
    content {
      type          = "DAY"
      field         = time_partitioning.value.partition_field
      expiration_ms = time_partitioning.value.partition_expiration_days == null ? null : time_partitioning.value.partition_expiration_days * 86400000
    }
  }

  dynamic "encryption_configuration" {
    for_each = local.bigquery_kms_key_name == null ? [] : [local.bigquery_kms_key_name]
    content {
      kms_key_name = encryption_configuration.value
    }
  }
}

# ---------------------------------------------------------------------------------------------------
# Secrets: the manifest's `secrets:`, containers only. Values are added out of band (gcloud secrets
# versions add), never in code. Each is mounted on, and readable by, only the functions that list it.
# ---------------------------------------------------------------------------------------------------
resource "google_secret_manager_secret" "secrets" {
  for_each  = local.secrets
  secret_id = each.key
  labels    = local.labels

  replication {
    user_managed {
      replicas {
        location = var.region
        dynamic "customer_managed_encryption" {
          for_each = var.kms_key_name == null ? [] : [var.kms_key_name]
          content {
            kms_key_name = customer_managed_encryption.value
          }
        }
      }
    }
  }

  depends_on = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

# ---------------------------------------------------------------------------------------------------
# Functions: one module instance (and one service account) per manifest function.
# ---------------------------------------------------------------------------------------------------
module "function" {
  source   = "./modules/function"
  for_each = local.functions

  project_id            = var.project_id
  region                = var.region
  name                  = each.key
  description           = each.value.description
  entry_point           = each.value.entry_point
  source_bucket         = module.sources.name
  source_object         = google_storage_bucket_object.function_source[each.key].name
  build_service_account = google_service_account.build.id
  docker_repository     = google_artifact_registry_repository.functions.id
  memory_mb             = each.value.memory_mb
  timeout_s             = each.value.timeout_s
  max_instances         = each.value.max_instances
  min_instances         = each.value.min_instances
  env                   = merge(local.function_env, each.value.env)
  secret_env            = local.function_secret_env[each.key]
  # HTTP functions take client traffic; event functions are reached only by their push subscription.
  ingress       = each.value.trigger.type == "http" ? "ALLOW_ALL" : "ALLOW_INTERNAL_ONLY"
  public        = var.public_http_functions && each.value.trigger.type == "http" && each.value.trigger.auth == "public"
  kms_key_name  = var.kms_key_name
  labels        = local.labels
  project_roles = ["roles/bigquery.jobUser", "roles/datastore.user", "roles/logging.logWriter", "roles/monitoring.metricWriter"]

  # The build identity must hold its role (and, with CMEK, the agents their key grants) before a deploy.
  depends_on = [
    google_project_service.apis,
    google_project_iam_member.build,
    google_kms_crypto_key_iam_member.regional,
    google_artifact_registry_repository_iam_member.gcf_agent,
  ]
}

# Resource-scoped grants (least privilege): the dataset, the manifest buckets, the topics (secrets: in the module).
resource "google_bigquery_dataset_iam_member" "function_data_editor" {
  for_each   = local.functions
  dataset_id = google_bigquery_dataset.warehouse.dataset_id
  role       = "roles/bigquery.dataEditor"
  member     = "serviceAccount:${module.function[each.key].service_account_email}"
}

resource "google_storage_bucket_iam_member" "function_objects" {
  for_each = { for pair in setproduct(keys(local.functions), keys(local.buckets)) : "${pair[0]}/${pair[1]}" => pair }
  bucket   = module.buckets[each.value[1]].name
  role     = "roles/storage.objectAdmin"
  member   = "serviceAccount:${module.function[each.value[0]].service_account_email}"
}

resource "google_pubsub_topic_iam_member" "function_publisher" {
  for_each = { for pair in setproduct(keys(local.functions), keys(local.topics)) : "${pair[0]}/${pair[1]}" => pair }
  topic    = google_pubsub_topic.topics[each.value[1]].id
  role     = "roles/pubsub.publisher"
  member   = "serviceAccount:${module.function[each.value[0]].service_account_email}"
}

# HTTP functions sign upload URLs with their own identity (IAM signBlob on themselves only).
resource "google_service_account_iam_member" "self_token_creator" {
  for_each           = local.http_functions
  service_account_id = module.function[each.key].service_account_id
  role               = "roles/iam.serviceAccountTokenCreator"
  member             = "serviceAccount:${module.function[each.key].service_account_email}"
}
