[
  {
    "name": "${name}",
    "image": "${image}",
    "cpu": ${cpu},
    "memory": ${memory},
    "essential": true,
    "readonlyRootFilesystem": true,
    "linuxParameters": { "initProcessEnabled": ${init} },
    "portMappings": [{ "containerPort": ${port}, "protocol": "tcp" }],
    "environment": ${jsonencode([for k, v in env : { name = k, value = v }])},
    "logConfiguration": {
      "logDriver": "awslogs",
      "options": {
        "awslogs-group": "${log_group}",
        "awslogs-region": "${region}",
        "awslogs-stream-prefix": "api"
      }
    }
  }
]
