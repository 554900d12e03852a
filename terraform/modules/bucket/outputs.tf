output "name" {
  description = "The bucket's name."
  value       = google_storage_bucket.this.name
}

output "url" {
  description = "The bucket's gs:// URL."
  value       = google_storage_bucket.this.url
}
