output "uri" {
  description = "HTTPS URL of the function."
  value       = google_cloudfunctions2_function.this.service_config[0].uri
}

output "service_name" {
  description = "The Cloud Run service behind the function (for run.invoker grants)."
  value       = google_cloudfunctions2_function.this.service_config[0].service
}

output "service_account_email" {
  description = "The function's own runtime service account."
  value       = google_service_account.runtime.email
}

output "service_account_id" {
  description = "Fully qualified id of the runtime service account."
  value       = google_service_account.runtime.name
}
