import { arns, parseArn, partitionOfRegion, resourceName } from '../src/arn';

describe('ARNs', () => {
  it.each([
    ['arn:aws:ecs:eu-west-1:111122223333:task/demo/abc', { partition: 'aws', service: 'ecs', region: 'eu-west-1', resource: 'task/demo/abc' }],
    ['arn:aws-cn:ecs:cn-north-1:111122223333:task/abc', { partition: 'aws-cn', region: 'cn-north-1', resource: 'task/abc' }],
    ['arn:aws-us-gov:iam::111122223333:role/a/b/c', { partition: 'aws-us-gov', region: '', resource: 'role/a/b/c' }],
    ['arn:aws:logs:eu-west-1:111122223333:log-group:/x:*', { resource: 'log-group:/x:*' }],
  ])('parses %s', (text, expected) => {
    expect(parseArn(text)).toMatchObject(expected);
  });

  it.each(['demo', 'arn:aws', '', 'task/demo/abc'])('rejects %p', (text) => expect(parseArn(text)).toBeUndefined());

  it.each([
    ['us-east-1', 'aws'],
    ['cn-northwest-1', 'aws-cn'],
    ['us-gov-west-1', 'aws-us-gov'],
  ])('region %s is in partition %s', (region, partition) => expect(partitionOfRegion(region)).toBe(partition));

  it('takes the last segment as the name, so paths do not break it (a bug of the old script)', () => {
    expect(resourceName('arn:aws:iam::111122223333:instance-profile/ecs/prod/ecsInstanceProfile')).toBe('ecsInstanceProfile');
    expect(resourceName('arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7')).toBe('web:7');
  });

  it('builds resource ARNs in the given partition', () => {
    expect(arns.s3Objects('aws-cn', 'b', 'p/')).toBe('arn:aws-cn:s3:::b/p/*');
    expect(arns.s3Objects('aws', 'b', undefined)).toBe('arn:aws:s3:::b/*');
    expect(arns.logGroupStreams('aws-us-gov', 'us-gov-west-1', '1', '/g')).toBe('arn:aws-us-gov:logs:us-gov-west-1:1:log-group:/g:*');
  });
});
