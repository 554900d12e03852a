# The console's routing table behind the HTTPS load balancer (terraform/console.tf), with no provider and no
# resource, so `terraform console` evaluates it offline (tests/unit/cloud/test_console_edge.py).
#
# One origin serves both: the API under /v1/ (API Gateway), everything else from the console's bucket. The
# single-page app's pages (/alerts, /signin, ...) are no objects in the bucket, so each is rewritten to
# /index.html; the whole path is matched (full_path_match), so the whole path is what the rewrite replaces.
# A URL map tries route rules by ascending priority and takes the first that matches; what none matches
# (favicon, robots.txt, an unknown path) goes to the bucket as it is.

locals {
  pages = sort(distinct(var.pages))

  route_rules = concat(
    [
      { priority = 1, backend = "api", prefix_match = var.api_prefix, full_path_match = null, path_rewrite = null },
      { priority = 2, backend = "console", prefix_match = var.assets_prefix, full_path_match = null, path_rewrite = null },
    ],
    [for i, page in local.pages : {
      priority        = 10 + i
      backend         = "console"
      prefix_match    = null
      full_path_match = page
      path_rewrite    = "/index.html"
    }],
  )
}
