import { taskRole } from '../../src/checks/task-role';
import { checkTable } from '../support/harness';
import { checkCases } from '../support/check-cases';

checkTable(taskRole, [
  { name: 'from the task definition', expect: ['pass'], message: 'role/web-task (from the task definition)' },
  {
    name: 'a run-task override wins over the task definition',
    change: (w) => (w.tasks[0]!.overrides!.taskRoleArn = 'arn:aws:iam::111122223333:role/override-role'),
    expect: ['pass'],
    message: 'override-role (from the task override)',
  },
  {
    name: 'a bare role name is completed with the partition and account',
    change: (w) => (w.taskDefinitions[0]!.taskRoleArn = 'web-task'),
    expect: ['pass'],
    message: 'arn:aws:iam::111122223333:role/web-task',
  },
  {
    name: 'EC2 without a task role: fail too (ECS Exec requires one), naming the instance role the containers use today',
    from: 'ec2-instance-role',
    expect: ['fail'],
    message: /requires one on every launch type; its containers use the instance role arn:aws:iam::111122223333:role\/ecs\/ecsInstanceRole/,
    remediation: 'taskRoleArn',
  },
  { name: 'Fargate without a task role: fail', from: 'no-task-role', expect: ['fail'], message: 'no task role' },
  {
    name: 'EC2 instance without a profile: fail',
    from: 'ec2-instance-role',
    change: (w) => delete w.instances[0]!.IamInstanceProfile,
    expect: ['fail'],
  },
  {
    name: 'DescribeInstances denied: error naming ec2:DescribeInstances',
    from: 'ec2-instance-role',
    change: (w) => (w.faults = { 'ec2:DescribeInstances': { code: 'UnauthorizedOperation', message: 'not authorized' } }),
    expect: ['error'],
    remediation: 'ec2:DescribeInstances',
  },
]);

checkCases(taskRole, [
  { name: 'from the task definition: pass', facts: { taskRole: { arn: 'arn:aws:iam::111122223333:role/web-task', source: 'task definition' } }, expect: ['pass'], message: 'from the task definition' },
  { name: 'from a run-task override: pass', facts: { taskRole: { arn: 'arn:aws:iam::111122223333:role/other', source: 'task override' } }, expect: ['pass'] },
  { name: 'none: fail', facts: { taskRole: { source: 'none' } }, expect: ['fail'], remediation: 'Add a taskRoleArn' },
  {
    name: 'only the EC2 instance role: fail, exec cannot use it',
    facts: { taskRole: { arn: 'arn:aws:iam::111122223333:role/ecs-instance', instanceProfileArn: 'arn:aws:iam::111122223333:instance-profile/ecs', source: 'instance profile' } },
    expect: ['fail'],
    message: 'use the instance role arn:aws:iam::111122223333:role/ecs-instance today, which exec cannot use',
  },
]);
