output "route_rules" {
  description = "URL map route rules, by priority: {priority, backend (\"api\" or \"console\"), prefix_match or full_path_match, path_rewrite}."
  value       = local.route_rules
}

output "default_backend" {
  description = "Where a request that no rule matches goes."
  value       = "console"
}
