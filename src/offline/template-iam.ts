// The template's own IAM: when the task role is a resource of the same template, what its
// policies allow can be read before deploy, with the project's policy evaluator (src/policy.ts):
// its inline Policies, the managed policies it attaches (AWS managed ones from a small table),
// and the AWS::IAM::Policy and ManagedPolicy resources that name it in Roles. A policy defined
// outside the file makes the answer unknown, never a guess.
import type { EvaluationResult, PolicyDocument, SimulationRequest } from '../facts';
import { UnknownOffline } from '../errors';
import { evaluatePolicies } from '../policy';
import { FromDefault, ResourceRef, Unknown, resolve, type TemplateContext } from './cloudformation';


const allow = (actions: string[], resource = '*', notAction = false): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', [notAction ? 'NotAction' : 'Action']: actions, Resource: resource }],
});

/**
 * AWS managed policies people attach to task roles, each as what it grants of the actions the
 * checks ask about (ssmmessages, kms, logs, s3), from the policies' published documents. A
 * managed policy not in this table makes the answer unknown, never a guess.
 */
export const AWS_MANAGED_POLICIES: Record<string, PolicyDocument> = {
  AdministratorAccess: allow(['*']),
  PowerUserAccess: allow(['iam:*', 'organizations:*', 'account:*'], '*', true),
  AmazonSSMManagedInstanceCore: allow(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel']),
  AmazonEC2RoleforSSM: allow(['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel', 's3:GetBucketLocation', 's3:PutObject', 's3:GetObject', 's3:GetEncryptionConfiguration', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:ListBucket', 's3:ListBucketMultipartUploads']),
  CloudWatchAgentServerPolicy: allow(['logs:PutLogEvents', 'logs:DescribeLogStreams', 'logs:DescribeLogGroups', 'logs:CreateLogStream', 'logs:CreateLogGroup']),
  CloudWatchLogsFullAccess: allow(['logs:*']),
  AmazonS3FullAccess: allow(['s3:*']),
  // The execution role's policy, often attached to the task role by mistake: no ssmmessages.
  AmazonECSTaskExecutionRolePolicy: allow(['logs:CreateLogStream', 'logs:PutLogEvents']),
  // Attached for exec by mistake (ssm, not ssmmessages): none of the actions the checks ask about.
  AmazonSSMReadOnlyAccess: allow(['ssm:Describe*', 'ssm:Get*', 'ssm:List*']),
};

/** The plain document, or why it is unknown (a value only the deploy knows). */
export function plainDocument(value: unknown): PolicyDocument | Unknown {
  let unknown: Unknown | undefined;
  const plain = JSON.parse(
    JSON.stringify(value, (_key, v: unknown) => {
      if (v instanceof Unknown) {
        unknown ??= v;
        return undefined;
      }
      if (v instanceof FromDefault) return v.value;
      if (v instanceof ResourceRef) return v.toString();
      return v;
    }) ?? 'null',
  ) as PolicyDocument | null;
  return unknown ?? plain ?? new Unknown('an empty policy');
}

const isRef = (value: unknown, id: string) => value instanceof ResourceRef && value.logicalId === id;

/** What a role of the template is granted: documents read, and what could not be. */
export function rolePolicies(roleId: string, ctx: TemplateContext): { documents: PolicyDocument[]; unknown: string[] } {
  const documents: PolicyDocument[] = [];
  const unknown: string[] = [];
  const add = (what: string, document: unknown) => {
    const plain = plainDocument(document);
    if (plain instanceof Unknown) unknown.push(`${what} (set with ${plain.why})`);
    else documents.push(plain);
  };
  const role = resolve(ctx.resources[roleId]?.Properties ?? {}, ctx) as Record<string, unknown>;
  for (const [i, policy] of (Array.isArray(role.Policies) ? role.Policies : []).entries()) {
    add(`inline policy ${(policy as { PolicyName?: unknown }).PolicyName ?? i + 1}`, (policy as { PolicyDocument?: unknown }).PolicyDocument);
  }
  for (const arn of Array.isArray(role.ManagedPolicyArns) ? role.ManagedPolicyArns : []) {
    const managed = arn instanceof ResourceRef ? ctx.resources[arn.logicalId] : undefined;
    const plainArn = arn instanceof FromDefault ? arn.value : arn;
    const awsManaged = typeof plainArn === 'string' ? /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(plainArn)?.[1] : undefined;
    if (managed?.Type === 'AWS::IAM::ManagedPolicy') add(`managed policy ${(arn as ResourceRef).logicalId}`, resolve(managed.Properties?.PolicyDocument, ctx));
    else if (awsManaged && AWS_MANAGED_POLICIES[awsManaged]) documents.push(AWS_MANAGED_POLICIES[awsManaged]!);
    else unknown.push(`managed policy ${awsManaged ?? (arn instanceof Unknown ? `set with ${arn.why}` : String(plainArn))}, which this file does not define`);
  }
  if (role.PermissionsBoundary !== undefined) unknown.push('its permissions boundary, which can only narrow what the policies allow');
  // Policies that attach themselves to the role (Roles: [!Ref Role]).
  for (const [id, resource] of Object.entries(ctx.resources)) {
    if (resource.Type !== 'AWS::IAM::Policy' && resource.Type !== 'AWS::IAM::ManagedPolicy' && resource.Type !== 'AWS::IAM::RolePolicy') continue;
    const properties = resolve(resource.Properties ?? {}, ctx) as Record<string, unknown>;
    const roles = resource.Type === 'AWS::IAM::RolePolicy' ? [properties.RoleName] : Array.isArray(properties.Roles) ? properties.Roles : [];
    if (roles.some((r) => isRef(r, roleId))) add(`policy ${id}`, properties.PolicyDocument);
  }
  return { documents, unknown };
}

/**
 * SimulatePrincipalPolicy, answered from the template for one of its roles: what the known
 * policies decide, with the keys of conditions as MissingContextValues (the verdict depends on
 * them). An action the known policies do not allow while some policy is unknown cannot be told.
 */
export function simulateFromTemplate(roleId: string, request: SimulationRequest, ctx: TemplateContext): EvaluationResult[] {
  return simulateWithPolicies(roleId, rolePolicies(roleId, ctx), request);
}

/** The documents an AWS managed policy ARN stands for, when the table knows it. */
export function awsManagedPolicy(arn: unknown): PolicyDocument | undefined {
  const name = typeof arn === 'string' ? /^arn:[^:]+:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1] : undefined;
  return name ? AWS_MANAGED_POLICIES[name] : undefined;
}

/** SimulatePrincipalPolicy from a role's policies as a file has them (a template, Terraform). */
export function simulateWithPolicies(role: string, { documents, unknown }: { documents: PolicyDocument[]; unknown: string[] }, request: SimulationRequest): EvaluationResult[] {
  const roleId = role;
  return request.actions.flatMap((action) =>
    request.resourceArns.map((resource): EvaluationResult => {
      const verdict = evaluatePolicies(documents, { action, resource });
      const boundary = unknown.some((u) => u.startsWith('its permissions boundary'));
      if ((verdict.decision !== 'allowed' || boundary) && unknown.length > 0 && verdict.decision !== 'explicitDeny') {
        throw new UnknownOffline(`role ${roleId} has ${unknown.join(', ')}: whether it allows ${action} is not knowable offline`);
      }
      // A file names resources its own way (a GetAtt, a Sub with the region): an allow on named
      // resources that do not read as the one asked about is not a deny, only not knowable here.
      if (verdict.decision === 'implicitDeny' && resource !== '*') {
        const anywhere = evaluatePolicies(documents.map(anyResource), { action, resource });
        if (anywhere.decision !== 'implicitDeny' || anywhere.unsure.length > 0) {
          throw new UnknownOffline(`role ${roleId} allows ${action} only on resources it names by ARN; whether ${resource} is one of them is known after deploy`);
        }
      }
      return {
        EvalActionName: action,
        EvalResourceName: resource,
        EvalDecision: verdict.decision,
        MatchedStatements: verdict.matched.filter((m) => m.conditions.length === 0).map((m) => ({ SourcePolicyId: m.statement })),
        MissingContextValues: [...new Set(verdict.unsure.flatMap((m) => m.conditions.map((c) => c.split(' ').pop()!)))],
      };
    }),
  );
}

/** The same policy with every statement's resources widened to all: what it allows of an action anywhere. */
function anyResource(policy: PolicyDocument): PolicyDocument {
  const statements = Array.isArray(policy.Statement) ? policy.Statement : policy.Statement ? [policy.Statement] : [];
  return { ...policy, Statement: statements.map((s) => ({ ...s, NotResource: undefined, Resource: '*' })) };
}

/** The actions a task-role check found denied, from its details, or the four ssmmessages ones. */
export function deniedActions(details: Record<string, unknown> | undefined): string[] {
  const decisions = (details?.decisions ?? []) as { action: string; allowed: boolean }[];
  const denied = decisions.filter((d) => !d.allowed).map((d) => d.action);
  return denied.length ? denied : ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'];
}

/**
 * The checks of the task role's permissions that need the cluster's exec configuration (its KMS
 * key, its log destinations): offline, they run for a task definition whose services all run in
 * one cluster of the same file.
 */
export const CLUSTER_ROLE_CHECKS: ReadonlySet<string> = new Set(['task-role-kms-decrypt', 'task-role-s3-logging', 'task-role-cloudwatch-logging']);
