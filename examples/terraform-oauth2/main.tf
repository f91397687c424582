# An oauth2 app authorization (SLACK, OKTA, …) whose OAuth code never enters plan or state:
# `code_wo` is write-only (Terraform >= 1.11) and comes from an ephemeral variable.
#
#   TF_VAR_slack_code=CODE terraform apply   # first connect
#   terraform plan -detailed-exitcode         # between rotations: no code, 0 while Connected
#   TF_VAR_slack_code=NEW terraform apply    # a new code: first raise code_version's default
#                                            # below and commit it (a -var would fall back)
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
  default   = null # set only on the run that connects or rotates
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
