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
  skip_region_validation      = true
}
variable "container_name" {
  type    = string
  default = "nginx"
}
resource "aws_iam_role" "task" {
  name = "web-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy_attachment" "ssm" {
  role       = aws_iam_role.task.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore"
}
resource "aws_ecs_cluster" "main" {
  name = "main"
}
resource "aws_ecs_task_definition" "web" {
  family                   = "web"
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    Name                   = var.container_name
    Essential              = true
    Image                  = "nginx:1.27"
    ReadOnlyRootFilesystem = true
    LogConfiguration = {
      LogDriver = "awslogs"
      Options = {
        awslogs-group         = "/ecs/web"
        awslogs-region        = "eu-west-1"
        awslogs-stream-prefix = "web"
      }
    }
  }])
}
resource "aws_ecs_service" "web" {
  name                   = "web"
  cluster                = aws_ecs_cluster.main.id
  task_definition        = aws_ecs_task_definition.web.arn
  enable_execute_command = true
  launch_type            = "FARGATE"
  network_configuration {
    subnets = ["subnet-0a1b2c3d4e5f60718"]
  }
}
