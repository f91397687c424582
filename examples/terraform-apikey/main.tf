# An apiKey app authorization (ASANA, TERRAFORMCLOUD, …) connected by Terraform or OpenTofu, with
# a check {} that warns on every plan while it is not Connected (any authorization, managed here
# or not, can be checked this way).
# `make terraform-demo` runs it against the emulator: apply, drift gate, reconnect, destroy.

terraform {
  required_version = ">= 1.11"
  required_providers {
    appfabricconnect = { source = "appfabric-connect/appfabricconnect" }
  }
}

variable "region" {
  type    = string
  default = "us-east-1"
}

variable "app_bundle_arn" {
  type = string
}

variable "app_authorization_arn" {
  type = string
}

provider "appfabricconnect" {
  region = var.region
}

resource "appfabricconnect_app_authorization_connection" "asana" {
  app_bundle_arn        = var.app_bundle_arn
  app_authorization_arn = var.app_authorization_arn

  timeouts {
    create = "5m"
  }
}

# A data source at the top level, not nested in the check: a nested one is always "read during
# apply", so `plan -detailed-exitcode` would exit 2 on every plan (hashicorp/terraform#35226).
# depends_on defers the read to apply only when the connection has a change planned: after a
# reconnect the check sees the new status; with nothing to do it is read at plan (exit code 0).
data "appfabricconnect_app_authorization" "asana" {
  app_bundle_arn        = var.app_bundle_arn
  app_authorization_arn = var.app_authorization_arn
  depends_on            = [appfabricconnect_app_authorization_connection.asana]
}

check "asana_connected" {
  assert {
    condition     = data.appfabricconnect_app_authorization.asana.connected
    error_message = "ASANA is ${data.appfabricconnect_app_authorization.asana.status}: ${data.appfabricconnect_app_authorization.asana.remedy}"
  }
}

output "status" {
  value = appfabricconnect_app_authorization_connection.asana.status
}
