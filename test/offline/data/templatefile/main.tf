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

variable "image" {
  type = string
}

variable "app_name" {
  type    = string
  default = "orders"
}

resource "aws_cloudwatch_log_group" "app" {
  name = "/ecs/orders"
}

resource "aws_iam_role" "task" {
  name = "orders-task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "exec" {
  role = aws_iam_role.task.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
      Resource = "*"
    }]
  })
}

# The API: its template sets a read-only root, which stops the exec agent.
resource "aws_ecs_task_definition" "api" {
  family                   = "orders-api"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = templatefile("${path.module}/templates/api.json.tpl", {
    name       = "${var.app_name}-api"
    image      = var.image
    cpu        = 256
    memory     = 512
    log_group  = aws_cloudwatch_log_group.app.name
    region     = "eu-west-1"
    port       = 8080
    env        = { STAGE = "prod", LOG_LEVEL = "info" }
    init       = true
  })
}

# The worker: its template takes the read-only setting from a variable the plan fills in.
variable "worker_read_only" {
  type    = bool
  default = false
}

resource "aws_ecs_task_definition" "worker" {
  family                   = "orders-worker"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = templatefile("${path.module}/templates/worker.json.tpl", {
    image     = var.image
    read_only = var.worker_read_only
    queue     = "orders"
  })
}

# The cron job: container_definitions written in place with jsonencode, as most Terraform does;
# its image and one variable's name come from expressions only the plan evaluates.
resource "aws_ecs_task_definition" "cron" {
  family                   = "orders-cron"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = jsonencode([
    {
      name                   = "cron"
      image                  = "${var.image}-cron"
      essential              = true
      command                = ["cron", "--queue", var.app_name]
      readonlyRootFilesystem = false
      linuxParameters        = { initProcessEnabled = var.worker_read_only }
      environment = [
        { name = "QUEUE", value = var.app_name },
        { name = upper("aws_access_key_id"), value = "from-the-pipeline" },
      ]
    }
  ])
}
