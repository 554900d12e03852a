terraform {
  required_version = ">= 1.5.0"
  required_providers {
    google = {
      source  = "hashicorp/google"
      version = ">= 5.30, < 7.0"
    }
    google-beta = { # API Gateway (edge.tf)
      source  = "hashicorp/google-beta"
      version = ">= 5.30, < 7.0"
    }
  }
}

provider "google" {
  project = var.project_id
  region  = var.region
}
