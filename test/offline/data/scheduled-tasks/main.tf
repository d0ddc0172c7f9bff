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

resource "aws_iam_role" "report" {
  name = "nightly-report-task"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }]
  })
}

resource "aws_iam_role_policy" "report_exec" {
  role = aws_iam_role.report.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel"]
      Resource = "*"
    }]
  })
}

resource "aws_ecs_task_definition" "report" {
  family                   = "nightly-report"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.report.arn
  container_definitions = jsonencode([{
    name      = "report"
    image     = "public.ecr.aws/docker/library/python:3.12-slim"
    essential = true
    command   = ["python", "-m", "report"]
    linuxParameters = { initProcessEnabled = true }
  }])
}

resource "aws_cloudwatch_event_rule" "nightly" {
  name                = "nightly-report"
  schedule_expression = "cron(0 3 * * ? *)"
}

# Starts the report every night: exec left off, and an old platform version pinned.
resource "aws_cloudwatch_event_target" "nightly" {
  rule     = aws_cloudwatch_event_rule.nightly.name
  arn      = "arn:aws:ecs:eu-west-1:111122223333:cluster/batch"
  role_arn = "arn:aws:iam::111122223333:role/events-run-task"

  ecs_target {
    task_definition_arn = aws_ecs_task_definition.report.arn
    launch_type         = "FARGATE"
    platform_version    = "1.3.0"
    network_configuration {
      subnets = ["subnet-0a1b2c3d4e5f60718"]
    }
  }
}

# Tells the team the report ran: not an ECS target.
resource "aws_cloudwatch_event_target" "notify" {
  rule = aws_cloudwatch_event_rule.nightly.name
  arn  = "arn:aws:sns:eu-west-1:111122223333:reports"
}

# Starts the same report on demand every hour, with exec on.
resource "aws_scheduler_schedule" "hourly" {
  name                = "hourly-report"
  schedule_expression = "rate(1 hour)"
  flexible_time_window {
    mode = "OFF"
  }
  target {
    arn      = "arn:aws:ecs:eu-west-1:111122223333:cluster/batch"
    role_arn = "arn:aws:iam::111122223333:role/scheduler-run-task"
    ecs_parameters {
      task_definition_arn    = aws_ecs_task_definition.report.arn
      launch_type            = "FARGATE"
      enable_execute_command = true
      network_configuration {
        subnets = ["subnet-0a1b2c3d4e5f60718"]
      }
    }
  }
}
