variable "pages" {
  description = "Paths of the console's pages (its router's routes, \"/\" included): each is answered with index.html."
  type        = list(string)
}

variable "api_prefix" {
  description = "Requests under this prefix go to the API, untouched."
  type        = string
  default     = "/v1/"
}

variable "assets_prefix" {
  description = "The build's content-hashed files, served from the bucket as they are."
  type        = string
  default     = "/assets/"
}
