output "function_urls" {
  description = "HTTPS URL of every function (ECOMINTEL_FUNCTION_URL_<NAME> for the CLI)."
  value       = { for name, m in module.function : name => m.uri }
}

output "function_service_accounts" {
  description = "Runtime service account of every function."
  value       = { for name, m in module.function : name => m.service_account_email }
}

output "buckets" {
  description = "Real bucket names by manifest bucket."
  value       = { for name, b in module.buckets : name => b.name }
}

output "subscriptions" {
  description = "Push subscriptions, <function>--<topic>."
  value       = keys(google_pubsub_subscription.push)
}

output "scheduler_jobs" {
  description = "Cloud Scheduler jobs, one per manifest schedule."
  value       = keys(google_cloud_scheduler_job.schedules)
}

output "build_service_account" {
  description = "The account Cloud Build builds the functions with (deployers need iam.serviceAccountUser on it)."
  value       = google_service_account.build.email
}
