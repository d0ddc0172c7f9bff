variable "name" { type = string }
variable "cluster" { type = string }
variable "grant" { type = bool }
resource "aws_iam_role" "task" {
  name               = "${var.name}-task"
  assume_role_policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Principal = { Service = "ecs-tasks.amazonaws.com" }, Action = "sts:AssumeRole" }] })
}
resource "aws_iam_role_policy" "exec" {
  count = var.grant ? 1 : 0
  role = aws_iam_role.task.id
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = ["ssmmessages:CreateControlChannel", "ssmmessages:CreateDataChannel", "ssmmessages:OpenControlChannel", "ssmmessages:OpenDataChannel", "logs:DescribeLogGroups", "logs:CreateLogStream", "logs:DescribeLogStreams", "logs:PutLogEvents"], Resource = "*" }] })
}
resource "aws_ecs_task_definition" "this" {
  family                   = var.name
  requires_compatibilities = ["FARGATE"]
  network_mode             = "awsvpc"
  cpu                      = 256
  memory                   = 512
  task_role_arn            = aws_iam_role.task.arn
  container_definitions = jsonencode([{
    name  = var.name
    image = "nginx:1.27"
    linuxParameters = { initProcessEnabled = true }
  }])
}
resource "aws_ecs_service" "this" {
  count                  = 1
  name                   = var.name
  cluster                = var.cluster
  task_definition        = aws_ecs_task_definition.this.arn
  enable_execute_command = true
  launch_type            = "FARGATE"
  network_configuration {
    subnets = ["subnet-0a1b2c3d4e5f60718"]
  }
}
