# ---------------------------------------------------------------------------------------------------
# The public edge: Google API Gateway in front of the HTTP functions (docs/cloud.md, "The public edge").
#
# Merchants, the console and the CLI call one HTTPS host with the app's own credentials (a Bearer JWT or
# an API key in Authorization). The gateway routes /v1/... by infra/openapi.gateway.yaml (generated with
# infra/openapi.yaml: one backend per function, APPEND_PATH_TO_ADDRESS) and calls each function with a
# Google ID token of its own service account (jwtAudience = the function URL), moving the caller's
# Authorization header to X-Forwarded-Authorization, which the app reads. Cloud Run IAM on the functions
# admits that service account only: nothing else on the internet can invoke them.
# ---------------------------------------------------------------------------------------------------

# API Gateway resources are in the google-beta provider (required and configured in versions.tf).

variable "edge_enabled" {
  description = "Create the API Gateway edge (the public HTTPS entry point of the API)."
  type        = bool
  default     = true
}

variable "edge_region" {
  description = "Region of the gateway (API Gateway runs in a subset of regions); null = var.region."
  type        = string
  default     = null
}

locals {
  edge_spec_path = "${path.module}/../infra/openapi.gateway.yaml"
  # Every function the spec routes to; its URL fills ${backend_<function>} (address and jwtAudience).
  edge_backends = var.edge_enabled ? toset(keys(yamldecode(file(local.edge_spec_path))["x-google-api-management"]["backends"])) : toset([])
  edge_spec = var.edge_enabled ? templatefile(local.edge_spec_path, {
    for name in local.edge_backends : "backend_${name}" => module.function[name].uri
  }) : ""
}

resource "google_project_service" "edge" {
  for_each           = var.edge_enabled ? toset(["apigateway.googleapis.com", "servicemanagement.googleapis.com", "servicecontrol.googleapis.com"]) : toset([])
  service            = each.value
  disable_on_destroy = false
}

# The identity the gateway calls the functions with; run.invoker on the routed functions and nothing else.
resource "google_service_account" "edge" {
  count        = var.edge_enabled ? 1 : 0
  account_id   = "ecomintel-edge"
  display_name = "ecomintel API Gateway (invokes the HTTP functions)"
}

resource "google_cloud_run_service_iam_member" "edge_invoker" {
  for_each = local.edge_backends
  location = var.region
  service  = module.function[each.key].service_name
  role     = "roles/run.invoker"
  member   = "serviceAccount:${google_service_account.edge[0].email}"
}

resource "google_api_gateway_api" "edge" {
  provider   = google-beta
  count      = var.edge_enabled ? 1 : 0
  api_id     = "ecomintel"
  labels     = local.labels
  depends_on = [google_project_service.edge]
}

resource "google_api_gateway_api_config" "edge" {
  provider             = google-beta
  count                = var.edge_enabled ? 1 : 0
  api                  = google_api_gateway_api.edge[0].api_id
  api_config_id_prefix = "ecomintel-"
  labels               = local.labels

  openapi_documents {
    document {
      path     = "openapi.yaml"
      contents = base64encode(local.edge_spec)
    }
  }
  gateway_config {
    backend_config {
      google_service_account = google_service_account.edge[0].email
    }
  }
  lifecycle {
    create_before_destroy = true # a changed spec is a new config; the gateway switches, then the old one goes
  }
}

resource "google_api_gateway_gateway" "edge" {
  provider   = google-beta
  count      = var.edge_enabled ? 1 : 0
  gateway_id = "ecomintel"
  api_config = google_api_gateway_api_config.edge[0].id
  region     = coalesce(var.edge_region, var.region)
  labels     = local.labels
}

output "api_url" {
  description = "The public API (ECOMINTEL_API_URL for the CLI; curl it with Authorization: Bearer/ApiKey)."
  value       = var.edge_enabled ? "https://${google_api_gateway_gateway.edge[0].default_hostname}" : null
}
