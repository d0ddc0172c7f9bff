// The policy evaluator behind key policies (and later, a template's own roles): IAM's rules,
// each case a rule it must keep.
import type { PolicyDocument } from '../src/facts';
import { evaluatePolicies, matchingStatements, parsePolicy, wildcardMatches } from '../src/policy';

const ROLE = { arn: 'arn:aws:iam::111122223333:role/web-task', account: '111122223333' };
const doc = (...Statement: object[]): PolicyDocument => ({ Version: '2012-10-17', Statement: Statement as PolicyDocument['Statement'] });
const decide = (policy: PolicyDocument, action = 'kms:Decrypt', principal: typeof ROLE | undefined = ROLE) =>
  evaluatePolicies([policy], { action, resource: 'arn:aws:kms:eu-west-1:111122223333:key/1', ...(principal ? { principal } : {}) });

describe('wildcardMatches', () => {
  it.each([
    ['kms:*', 'kms:Decrypt', true],
    ['kms:De*', 'kms:Decrypt', true],
    ['kms:Decrypt', 'kms:decrypt', true],
    ['kms:Get*', 'kms:Decrypt', false],
    ['*', 'ssmmessages:OpenDataChannel', true],
    ['ssmmessages:?pen*Channel', 'ssmmessages:OpenDataChannel', true],
    ['ssmmessages:Create*Channel', 'ssmmessages:CreateControlChannel', true],
    ['ssmmessages:Create*Channel', 'ssmmessages:CreateControl', false],
  ])('%s ~ %s: %s', (pattern, value, expected) => {
    expect(wildcardMatches(pattern, value, true)).toBe(expected);
  });

  it('is case-sensitive for resources', () => {
    expect(wildcardMatches('arn:aws:logs:*:*:log-group:/ecs/Web:*', 'arn:aws:logs:eu-west-1:1:log-group:/ecs/web:*')).toBe(false);
  });

  it('stays linear on a pattern built to backtrack', () => {
    const value = `${'a'.repeat(20_000)}b`;
    expect(wildcardMatches(`${'*a'.repeat(30)}*c`, value)).toBe(false);
  });
});

describe('evaluatePolicies', () => {
  it('an Allow naming the principal: allowed, via named', () => {
    const verdict = decide(doc({ Sid: 'Role', Effect: 'Allow', Principal: { AWS: ROLE.arn }, Action: 'kms:Decrypt', Resource: '*' }));
    expect(verdict.decision).toBe('allowed');
    expect(verdict.matched).toEqual([{ statement: 'Role', effect: 'Allow', via: 'named', conditions: [] }]);
  });

  it('the account root (ARN or ID) hands the decision to IAM: via account', () => {
    for (const AWS of ['arn:aws:iam::111122223333:root', '111122223333', ['arn:aws:iam::999999999999:root', '111122223333']]) {
      expect(decide(doc({ Effect: 'Allow', Principal: { AWS }, Action: 'kms:*', Resource: '*' })).matched[0]?.via).toBe('account');
    }
  });

  it('another account root does not cover the principal', () => {
    expect(decide(doc({ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::999999999999:root' }, Action: 'kms:*', Resource: '*' })).decision).toBe('implicitDeny');
  });

  it('a service principal does not cover an IAM role', () => {
    expect(decide(doc({ Effect: 'Allow', Principal: { Service: 'logs.amazonaws.com' }, Action: 'kms:*', Resource: '*' })).decision).toBe('implicitDeny');
  });

  it('an explicit Deny wins over an Allow', () => {
    const verdict = decide(
      doc({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, { Sid: 'No', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'kms:Decrypt', Resource: '*' }),
    );
    expect(verdict.decision).toBe('explicitDeny');
  });

  it('NotAction: everything but the actions named', () => {
    const policy = doc({ Effect: 'Allow', Principal: { AWS: ROLE.arn }, NotAction: ['kms:ScheduleKeyDeletion'], Resource: '*' });
    expect(decide(policy).decision).toBe('allowed');
    expect(decide(policy, 'kms:ScheduleKeyDeletion').decision).toBe('implicitDeny');
  });

  it('NotPrincipal: everyone but those named', () => {
    const policy = doc({ Effect: 'Deny', NotPrincipal: { AWS: ROLE.arn }, Action: 'kms:Decrypt', Resource: '*' });
    expect(matchingStatements([policy], { action: 'kms:Decrypt', resource: '*', principal: ROLE })).toEqual([]);
    expect(decide(policy, 'kms:Decrypt', { arn: 'arn:aws:iam::111122223333:role/other', account: '111122223333' }).decision).toBe('explicitDeny');
  });

  it('a conditional Allow is not an allow: implicit deny, with the statement as unsure', () => {
    const verdict = decide(doc({ Sid: 'Via', Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*', Condition: { StringEquals: { 'kms:ViaService': 'ecs.eu-west-1.amazonaws.com', 'kms:CallerAccount': '111122223333' } } }));
    expect(verdict.decision).toBe('implicitDeny');
    expect(verdict.unsure).toEqual([{ statement: 'Via', effect: 'Allow', via: 'everyone', conditions: ['StringEquals kms:ViaService', 'StringEquals kms:CallerAccount'] }]);
  });

  it('a conditional Deny leaves an allow unsure', () => {
    const verdict = decide(
      doc({ Effect: 'Allow', Principal: { AWS: ROLE.arn }, Action: 'kms:Decrypt', Resource: '*' }, { Sid: 'OnlyTls', Effect: 'Deny', Principal: '*', Action: '*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }),
    );
    expect(verdict.decision).toBe('allowed');
    expect(verdict.unsure.map((m) => m.statement)).toEqual(['OnlyTls']);
  });

  describe("conditions on the values a request gives (the principal's ARN and account)", () => {
    const context = { 'aws:PrincipalArn': ROLE.arn, 'aws:PrincipalAccount': ROLE.account };
    const withContext = (condition: object, effect = 'Allow') =>
      evaluatePolicies([doc({ Sid: 'S', Effect: effect, Principal: '*', Action: '*', Resource: '*', Condition: condition })], { action: 'ssmmessages:OpenDataChannel', resource: '*', principal: ROLE, context });
    it.each([
      ['ArnLike, a pattern that matches', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/web-*' } }, 'allowed'],
      ['ArnLike, one of several values matches', { ArnLike: { 'aws:PrincipalArn': ['arn:aws:iam::111122223333:role/ops', 'arn:aws:iam::111122223333:role/web-?ask'] } }, 'allowed'],
      ['ArnLike, no value matches', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/ops-*' } }, 'implicitDeny'],
      ['ArnEquals is exact', { ArnEquals: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/web-*' } }, 'implicitDeny'],
      ['StringEquals on the account', { StringEquals: { 'aws:PrincipalAccount': '111122223333' } }, 'allowed'],
      ['the key named in another case', { StringEquals: { 'AWS:PRINCIPALACCOUNT': '111122223333' } }, 'allowed'],
      ['StringEqualsIgnoreCase', { StringEqualsIgnoreCase: { 'aws:PrincipalArn': 'ARN:AWS:IAM::111122223333:ROLE/WEB-TASK' } }, 'allowed'],
      ['StringNotEquals another account', { StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } }, 'allowed'],
      ['StringNotLike its own ARN', { StringNotLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/web-*' } }, 'implicitDeny'],
      ['IfExists: the key exists, so the operator decides', { StringEqualsIfExists: { 'aws:PrincipalAccount': '444455556666' } }, 'implicitDeny'],
      ['every condition must hold: one fails', { StringEquals: { 'aws:PrincipalAccount': '111122223333' }, ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::*:role/ops' } }, 'implicitDeny'],
    ])('%s', (_name, condition, decision) => {
      const verdict = withContext(condition);
      expect(verdict.decision).toBe(decision);
      expect(verdict.unsure).toEqual([]);
    });

    it('a key the request does not give stays open, beside one it decides', () => {
      const verdict = withContext({ StringEquals: { 'aws:PrincipalAccount': '111122223333', 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' } });
      expect(verdict.decision).toBe('implicitDeny');
      expect(verdict.unsure).toEqual([{ statement: 'S', effect: 'Allow', via: 'everyone', conditions: ['StringEquals aws:PrincipalOrgID'] }]);
    });

    it('operators on sets, numbers, dates and Null stay open, and so does a key outside the evaluated ones', () => {
      for (const condition of [
        { 'ForAnyValue:StringEquals': { 'aws:PrincipalArn': ROLE.arn } },
        { Null: { 'aws:PrincipalArn': 'false' } },
        { StringEquals: { 'aws:SourceVpc': 'vpc-0123' } },
      ]) {
        expect(withContext(condition).unsure).toHaveLength(1);
      }
    });

    it('a Deny whose condition fails for this principal does not apply; one whose condition holds does', () => {
      expect(withContext({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }, 'Deny').decision).toBe('implicitDeny');
      expect(withContext({ StringNotEquals: { 'aws:PrincipalAccount': '111122223333' } }, 'Deny').matched).toEqual([]);
      expect(withContext({ StringNotEquals: { 'aws:PrincipalAccount': '444455556666' } }, 'Deny').decision).toBe('explicitDeny');
    });

    it('without a context, nothing is decided: the key policies are read as before', () => {
      const verdict = evaluatePolicies([doc({ Effect: 'Allow', Principal: '*', Action: '*', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalAccount': '111122223333' } } })], { action: 'kms:Decrypt', resource: '*', principal: ROLE });
      expect(verdict.decision).toBe('implicitDeny');
      expect(verdict.unsure).toHaveLength(1);
    });
  });

  it('identity policies (no principal asked) match on action and resource alone', () => {
    const policy = doc({ Effect: 'Allow', Action: ['ssmmessages:*'], Resource: '*' });
    expect(evaluatePolicies([policy], { action: 'ssmmessages:OpenDataChannel', resource: '*' }).decision).toBe('allowed');
    expect(evaluatePolicies([policy], { action: 'kms:Decrypt', resource: '*' }).decision).toBe('implicitDeny');
  });

  it('a single statement object (not a list) and a statement without Sid are read', () => {
    const verdict = decide({ Statement: { Effect: 'Allow', Principal: { AWS: ROLE.arn }, Action: 'kms:Decrypt', Resource: '*' } } as PolicyDocument);
    expect(verdict.matched[0]?.statement).toBe('statement 1');
  });
});

describe('parsePolicy', () => {
  it('reads JSON and URL-encoded JSON (as IAM returns documents), and nothing else', () => {
    const text = '{"Version":"2012-10-17","Statement":[]}';
    expect(parsePolicy(text)).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(parsePolicy(encodeURIComponent(text))).toEqual({ Version: '2012-10-17', Statement: [] });
    expect(parsePolicy('not json')).toBeUndefined();
    expect(parsePolicy('[1,2]')).toBeUndefined();
    expect(parsePolicy(undefined)).toBeUndefined();
  });
});
