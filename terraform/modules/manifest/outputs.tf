output "functions" {
  description = "Manifest functions, every optional field filled with its default."
  value       = local.functions
}

output "http_functions" {
  description = "The functions with an HTTP trigger (what a public edge routes to)."
  value       = local.http_functions
}

output "topics" {
  description = "Manifest topics."
  value       = local.topics
}

output "buckets" {
  description = "Manifest buckets (logical names)."
  value       = local.buckets
}

output "schedules" {
  description = "Manifest schedules; data is the JSON payload Cloud Scheduler publishes."
  value       = local.schedules
}

output "secrets" {
  description = "Manifest secrets (Secret Manager ids) with the env var each is mounted as."
  value       = local.secrets
}

output "dead_letter_topics" {
  description = "Topic -> its dead-letter topic, for topics with dead_letter: true."
  value       = local.dead_letter_topics
}

output "subscriptions" {
  description = "Push subscription name -> {function, topic}."
  value       = local.subscriptions
}

output "function_secrets" {
  description = "\"<function>/<secret>\" -> {function, secret} for every secret a function declares."
  value       = local.function_secrets
}

output "mounted_secrets" {
  description = "Function -> {env var -> secret id} actually mounted (required ones, plus var.optional_secrets)."
  value       = local.mounted_secrets
}
