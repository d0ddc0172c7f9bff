provider "aws" {
  region                      = "eu-west-1"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true

  # Data sources answered by a local endpoint that speaks AWS's wire protocols (the checker's tests).
  endpoints {
    sts = "http://127.0.0.1:36715"
    ec2 = "http://127.0.0.1:36715"
  }
}

resource "aws_ecs_cluster" "main" {
  name = "main"
}

# terraform-aws-modules/ecs's service module (v5.12.1, vendored here as a local module),
# exec enabled, the container left at the module's defaults.
module "api" {
  source = "./modules/service"

  name                   = "api"
  cluster_arn            = aws_ecs_cluster.main.arn
  enable_execute_command = true
  subnet_ids             = ["subnet-0a1b2c3d4e5f60718"]

  container_definitions = {
    app = {
      image     = "public.ecr.aws/nginx/nginx:1.27"
      essential = true
      port_mappings = [{ containerPort = 80, protocol = "tcp" }]
    }
  }
}
