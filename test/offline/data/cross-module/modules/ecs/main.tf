variable "name" {
  type = string
}

variable "image" {
  type = string
}

variable "task_role_arn" {
  type = string
}

resource "aws_ecs_cluster" "this" {
  name = var.name
}

resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = var.task_role_arn
  container_definitions = jsonencode([{
    name             = "app"
    image            = var.image
    essential        = true
    linuxParameters  = { initProcessEnabled = true }
  }])
}

resource "aws_ecs_service" "this" {
  name                   = var.name
  cluster                = aws_ecs_cluster.this.id
  task_definition        = aws_ecs_task_definition.this.arn
  desired_count          = 1
  launch_type            = "FARGATE"
  enable_execute_command = true
  network_configuration {
    subnets = ["subnet-0123456789abcdef0"]
  }
}
