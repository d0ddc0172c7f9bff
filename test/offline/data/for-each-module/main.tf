terraform {
  required_providers {
    aws = { source = "hashicorp/aws", version = "5.100.0" }
  }
}
provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
resource "aws_kms_key" "exec" {
  description = "exec"
}
resource "aws_cloudwatch_log_group" "exec" {
  name = "/ecs/exec"
}
resource "aws_ecs_cluster" "main" {
  name = "main"
  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"
      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}
module "svc" {
  source   = "./modules/svc"
  for_each = toset(["api", "web"])
  name     = each.key
  cluster  = aws_ecs_cluster.main.id
  grant    = each.key == "web"
}
