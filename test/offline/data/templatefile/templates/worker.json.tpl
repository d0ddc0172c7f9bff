[
  {
    "name": "worker",
    "image": "${image}",
    "essential": true,
    "readonlyRootFilesystem": ${read_only},
    "command": ["worker", "--queue", "${queue}"],
    "environment": [
      { "name": "QUEUE", "value": "${queue}" }
    ]
  }
]
