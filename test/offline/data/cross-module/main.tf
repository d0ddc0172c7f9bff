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

module "iam" {
  source = "./modules/iam"
  name   = "orders"
}

module "ecs" {
  source        = "./modules/ecs"
  name          = "orders"
  image         = "public.ecr.aws/nginx/nginx:1.27"
  task_role_arn = module.iam.task_role_arn
}
