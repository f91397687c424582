# An oauth2 app authorization (SLACK, OKTA, …) whose OAuth code never enters plan or state:
# `code_wo` is write-only (Terraform >= 1.11) and comes from an ephemeral variable.
#
#   TF_VAR_slack_code=CODE terraform apply                    # first connect
#   TF_VAR_slack_code=NEW terraform apply -var code_version=2 # a new code: raise the version
#   appfabric-connect authorize --bundle ARN --authorization ARN --variable slack_code
#       # the consent page, then `terraform apply` with TF_VAR_slack_code in its environment

terraform {
  required_version = ">= 1.11"
  required_providers {
    appfabricconnect = { source = "appfabric-connect/appfabricconnect" }
  }
}

variable "app_bundle_arn" {
  type = string
}

variable "app_authorization_arn" {
  type = string
}

variable "slack_code" {
  type      = string
  sensitive = true
  ephemeral = true
}

variable "code_version" {
  type    = number
  default = 1
}

provider "appfabricconnect" {
  region = "us-east-1"
}

resource "appfabricconnect_app_authorization_connection" "slack" {
  app_bundle_arn        = var.app_bundle_arn
  app_authorization_arn = var.app_authorization_arn

  auth_request {
    redirect_uri    = "https://us-east-1.console.aws.amazon.com/appfabric/oauth2"
    code_wo         = var.slack_code
    code_wo_version = var.code_version
  }
}

output "status" {
  value = appfabricconnect_app_authorization_connection.slack.status
}

output "auth_url" {
  value = appfabricconnect_app_authorization_connection.slack.auth_url
}
