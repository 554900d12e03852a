# ---------------------------------------------------------------------------------------------------
# The web console on Google Cloud (docs/console.md, "On Google Cloud"): its built files in a private bucket
# and the API, behind one global external Application Load Balancer on one HTTPS host. Same origin, so the
# console's Content-Security-Policy (connect-src 'self') holds and the browser needs no CORS.
#
#   https://<console_domain>/v1/...     -> serverless NEG -> the API Gateway of edge.tf -> the functions
#   https://<console_domain>/assets/... -> backend bucket (Cloud CDN), hashed files cached for a year
#   https://<console_domain>/<page>     -> backend bucket, rewritten to /index.html (no-cache)
#   http://...                          -> 301 to https
#
# The routing table comes from modules/console_routes (provider-free, evaluated by the tests). The files get
# their Cache-Control and Content-Type when published (python -m bundling.console_publish); Cloud CDN follows
# them (USE_ORIGIN_HEADERS). The bucket stays private: only Cloud CDN's fill identity may read it.
# ---------------------------------------------------------------------------------------------------

variable "console_enabled" {
  description = "Serve the web console and the API on one HTTPS host (needs console_domain and the API Gateway edge)."
  type        = bool
  default     = false
}

variable "console_domain" {
  description = "Host name of the console and API (e.g. app.shop.example); point its DNS A record at console_ip."
  type        = string
  default     = null
}

locals {
  console_on = var.console_enabled
  # The console's pages: console/src/App.tsx's routes (a test keeps the two equal).
  console_pages = ["/", "/signin", "/signup", "/signup/verify", "/ask", "/upload", "/data", "/alerts", "/settings", "/metrics"]
  # What `ecomintel serve` sends with every console file (shared/runtime/console_assets.py; a test compares),
  # plus HSTS, which only means something over HTTPS.
  console_response_headers = [
    "Content-Security-Policy: default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; font-src 'self'; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options: nosniff",
    "X-Frame-Options: DENY",
    "Referrer-Policy: no-referrer",
    "Cross-Origin-Opener-Policy: same-origin",
    "Strict-Transport-Security: max-age=31536000",
  ]
  console_backends = local.console_on ? {
    api     = google_compute_backend_service.console_api[0].id
    console = google_compute_backend_bucket.console[0].id
  } : {}
}

module "console_routes" {
  source = "./modules/console_routes"
  pages  = local.console_pages
}

resource "google_project_service" "console" {
  for_each           = local.console_on ? toset(["compute.googleapis.com"]) : toset([])
  service            = each.value
  disable_on_destroy = false
}

# ---- the files -------------------------------------------------------------------------------------
module "console_bucket" {
  source                 = "./modules/bucket"
  count                  = local.console_on ? 1 : 0
  name                   = "${var.bucket_prefix}-console"
  location               = var.region
  labels                 = local.labels
  noncurrent_delete_days = 7 # a release replaces the objects of the one before last (bundling/console_publish.py)
  kms_key_name           = var.kms_key_name
  access_log_bucket      = var.access_log_bucket

  depends_on = [google_project_service.apis, google_kms_crypto_key_iam_member.regional]
}

moved {
  from = google_storage_bucket.console[0]
  to   = module.console_bucket[0].google_storage_bucket.this
}

# Private bucket access for a backend bucket: Cloud CDN fetches with its fill service agent, which may read
# this bucket and nothing else. No allUsers (public access prevention is enforced). Google creates the agent;
# if it does not exist yet at the first apply, docs/console.md says how to have it created.
resource "google_storage_bucket_iam_member" "console_cdn_reader" {
  count  = local.console_on ? 1 : 0
  bucket = module.console_bucket[0].name
  role   = "roles/storage.objectViewer"
  member = "serviceAccount:service-${data.google_project.this.number}@cloud-cdn-fill.iam.gserviceaccount.com"
}

resource "google_compute_backend_bucket" "console" {
  count                   = local.console_on ? 1 : 0
  name                    = "ecomintel-console"
  description             = "The web console's built files (published by bundling/console_publish.py)."
  bucket_name             = module.console_bucket[0].name
  enable_cdn              = true
  compression_mode        = "AUTOMATIC"
  custom_response_headers = local.console_response_headers

  cdn_policy {
    # each object's own Cache-Control: assets/* immutable for a year, index.html no-cache (revalidated)
    cache_mode        = "USE_ORIGIN_HEADERS"
    serve_while_stale = 0 # a stale index.html is never served while it is revalidated
  }

  depends_on = [google_project_service.console]
}

# ---- the API: API Gateway (edge.tf) as a serverless NEG -------------------------------------------
resource "google_compute_region_network_endpoint_group" "console_api" {
  provider              = google-beta
  count                 = local.console_on ? 1 : 0
  name                  = "ecomintel-api-gateway"
  network_endpoint_type = "SERVERLESS"
  region                = coalesce(var.edge_region, var.region)

  serverless_deployment {
    platform = "apigateway.googleapis.com"
    resource = google_api_gateway_gateway.edge[0].gateway_id
  }

  depends_on = [google_project_service.console]
}

resource "google_compute_backend_service" "console_api" {
  count                 = local.console_on ? 1 : 0
  name                  = "ecomintel-api"
  description           = "The public API (/v1) through API Gateway; the app authenticates every request itself."
  load_balancing_scheme = "EXTERNAL_MANAGED"
  protocol              = "HTTPS"
  enable_cdn            = false # API answers are per caller and no-store

  backend {
    group = google_compute_region_network_endpoint_group.console_api[0].id
  }

  log_config {
    enable      = true
    sample_rate = 1.0
  }
}

# ---- one host: routing, certificate, HTTPS and the redirect from HTTP --------------------------------
resource "google_compute_url_map" "console" {
  count           = local.console_on ? 1 : 0
  name            = "ecomintel-console"
  description     = "/v1/* to the API, everything else to the console's bucket (modules/console_routes)."
  default_service = google_compute_backend_bucket.console[0].id

  host_rule {
    hosts        = ["*"]
    path_matcher = "console"
  }

  path_matcher {
    name            = "console"
    default_service = local.console_backends[module.console_routes.default_backend]

    dynamic "route_rules" {
      for_each = module.console_routes.route_rules
      content {
        priority = route_rules.value.priority
        service  = local.console_backends[route_rules.value.backend]
        match_rules {
          prefix_match    = route_rules.value.prefix_match
          full_path_match = route_rules.value.full_path_match
        }
        dynamic "route_action" {
          for_each = route_rules.value.path_rewrite == null ? [] : [route_rules.value.path_rewrite]
          content {
            url_rewrite {
              path_prefix_rewrite = route_action.value
            }
          }
        }
      }
    }
  }

  lifecycle {
    precondition {
      condition     = var.edge_enabled && var.console_domain != null
      error_message = "console_enabled needs console_domain and edge_enabled (the API behind /v1 is the API Gateway)."
    }
  }
}

resource "google_compute_managed_ssl_certificate" "console" {
  count = local.console_on ? 1 : 0
  # a new domain is a new certificate, created before the old one is detached
  name = "ecomintel-console-${substr(md5(coalesce(var.console_domain, "-")), 0, 8)}"

  managed {
    domains = [var.console_domain]
  }

  lifecycle {
    create_before_destroy = true
  }
}

resource "google_compute_ssl_policy" "console" {
  count           = local.console_on ? 1 : 0
  name            = "ecomintel-console"
  profile         = "MODERN"
  min_tls_version = "TLS_1_2"
}

resource "google_compute_target_https_proxy" "console" {
  count            = local.console_on ? 1 : 0
  name             = "ecomintel-console"
  url_map          = google_compute_url_map.console[0].id
  ssl_certificates = [google_compute_managed_ssl_certificate.console[0].id]
  ssl_policy       = google_compute_ssl_policy.console[0].id
}

resource "google_compute_global_address" "console" {
  count      = local.console_on ? 1 : 0
  name       = "ecomintel-console"
  depends_on = [google_project_service.console]
}

resource "google_compute_global_forwarding_rule" "console_https" {
  count                 = local.console_on ? 1 : 0
  name                  = "ecomintel-console-https"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.console[0].id
  port_range            = "443"
  target                = google_compute_target_https_proxy.console[0].id
}

resource "google_compute_url_map" "console_redirect" {
  count = local.console_on ? 1 : 0
  name  = "ecomintel-console-redirect"

  default_url_redirect {
    https_redirect         = true
    redirect_response_code = "MOVED_PERMANENTLY_DEFAULT"
    strip_query            = false
  }
}

resource "google_compute_target_http_proxy" "console_redirect" {
  count   = local.console_on ? 1 : 0
  name    = "ecomintel-console-redirect"
  url_map = google_compute_url_map.console_redirect[0].id
}

resource "google_compute_global_forwarding_rule" "console_http" {
  count                 = local.console_on ? 1 : 0
  name                  = "ecomintel-console-http"
  load_balancing_scheme = "EXTERNAL_MANAGED"
  ip_address            = google_compute_global_address.console[0].id
  port_range            = "80"
  target                = google_compute_target_http_proxy.console_redirect[0].id
}

output "console_url" {
  description = "The console, with the API under /v1 on the same origin (ECOMINTEL_API_URL works too)."
  value       = local.console_on ? "https://${var.console_domain}" : null
}

output "console_ip" {
  description = "The load balancer's address: the DNS A record of console_domain (the certificate waits for it)."
  value       = local.console_on ? google_compute_global_address.console[0].address : null
}

output "console_bucket" {
  description = "Where bundling/console_publish.py uploads the build (make console-publish CONSOLE_BUCKET=...)."
  value       = local.console_on ? module.console_bucket[0].name : null
}
