// A small evaluator of IAM policy documents for what ECS Exec needs: which statements of a key
// policy (or of a template's own role) allow or deny one action on one resource for one
// principal. It follows the IAM policy evaluation logic for what it reads (Effect, Principal,
// Action/NotAction, Resource/NotResource, wildcards; an explicit deny wins) and never guesses a
// Condition: a statement with one "may apply", and the verdict says which keys decide it. Only
// the keys a request gives values for (`PolicyRequest.context`: the principal's ARN and account,
// which every request of an IAM principal carries) are evaluated, with the string and ARN operators.
import type { PolicyDocument, PolicyStatement } from './facts';

/** A policy as IAM or KMS returns it: JSON, or URL-encoded JSON (IAM's GetRole and friends). */
export function parsePolicy(text: string | undefined): PolicyDocument | undefined {
  if (!text) return undefined;
  for (const candidate of [text, safeDecode(text)]) {
    if (candidate === undefined) continue;
    try {
      const parsed: unknown = JSON.parse(candidate);
      if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as PolicyDocument;
    } catch {
      // not JSON in this form: try the next
    }
  }
  return undefined;
}

function safeDecode(text: string): string | undefined {
  try {
    return decodeURIComponent(text);
  } catch {
    return undefined;
  }
}

/** The condition keys whose values this evaluator compares, when a request gives them (lower case). */
export const EVALUATED_CONDITION_KEYS: readonly string[] = ['aws:principalarn', 'aws:principalaccount'];

/**
 * The policy with each condition's values replaced by `mask`, for a snapshot: this evaluator reads
 * which condition keys a statement has, and the values only of EVALUATED_CONDITION_KEYS (ARNs and
 * account IDs), never of the others (which may name what a secret guards).
 */
export function withConditionValues(policy: PolicyDocument, mask: string): PolicyDocument {
  const masked = (key: string, values: unknown) =>
    EVALUATED_CONDITION_KEYS.includes(key.toLowerCase()) ? values : Array.isArray(values) ? values.map(() => mask) : mask;
  const statement = (s: PolicyStatement): PolicyStatement => {
    if (!s.Condition || typeof s.Condition !== 'object') return s;
    const condition = Object.fromEntries(
      Object.entries(s.Condition).map(([operator, keys]) => [
        operator,
        keys && typeof keys === 'object' ? Object.fromEntries(Object.entries(keys).map(([key, values]) => [key, masked(key, values)])) : mask,
      ]),
    );
    // A malformed operator (no keys under it) stays one, masked: conditionsOf reads it the same.
    return { ...s, Condition: condition as PolicyStatement['Condition'] };
  };
  const { Statement } = policy;
  if (!Statement) return policy;
  return { ...policy, Statement: Array.isArray(Statement) ? statementsOf(policy).map(statement) : statement(Statement as PolicyStatement) };
}

export function statementsOf(policy: PolicyDocument): PolicyStatement[] {
  const { Statement } = policy;
  if (!Statement) return [];
  return (Array.isArray(Statement) ? Statement : [Statement]).filter((s): s is PolicyStatement => !!s && typeof s === 'object');
}

const listOf = (value: unknown): string[] =>
  typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * IAM's wildcards: `*` any run of characters, `?` one. Matched in one pass with backtracking to
 * the last `*` only, so the time is linear in practice and never exponential on crafted input.
 */
export function wildcardMatches(pattern: string, value: string, ignoreCase = false): boolean {
  const p = ignoreCase ? pattern.toLowerCase() : pattern;
  const v = ignoreCase ? value.toLowerCase() : value;
  let pi = 0;
  let vi = 0;
  let star = -1;
  let resume = 0;
  while (vi < v.length) {
    if (pi < p.length && (p[pi] === '?' || p[pi] === v[vi])) {
      pi++;
      vi++;
    } else if (pi < p.length && p[pi] === '*') {
      star = pi++;
      resume = vi;
    } else if (star >= 0) {
      pi = star + 1;
      vi = ++resume;
    } else {
      return false;
    }
  }
  while (pi < p.length && p[pi] === '*') pi++;
  return pi === p.length;
}

/** Who asks: an IAM role or user ARN and its account. */
export interface PrincipalRef {
  arn: string;
  account: string;
}

/**
 * How a statement's Principal covers the asker: by its own ARN, as everyone ("*"), or as its
 * account (the account ID or its root ARN), which hands the decision to the account's IAM
 * policies (KMS developer guide, "Default key policy": "allows IAM policies to allow access").
 */
export type PrincipalMatch = 'named' | 'everyone' | 'account';

export function principalMatch(principal: unknown, who: PrincipalRef): PrincipalMatch | undefined {
  if (principal === '*') return 'everyone';
  if (!principal || typeof principal !== 'object') return undefined;
  const aws = listOf((principal as Record<string, unknown>).AWS);
  if (aws.includes('*')) return 'everyone';
  if (aws.includes(who.arn)) return 'named';
  const root = /^arn:[^:]+:iam::(\d{12}):root$/;
  if (aws.some((p) => p === who.account || root.exec(p)?.[1] === who.account)) return 'account';
  return undefined;
}

/** One statement that applies to the request, and what stands between it and applying for sure. */
export interface StatementMatch {
  /** The Sid, else the statement's position ("statement 2"). */
  statement: string;
  effect: 'Allow' | 'Deny';
  /** For a resource policy: how its Principal covers the asker; identity policies have none. */
  via?: PrincipalMatch;
  /** "StringEquals kms:ViaService": the conditions that must hold for it to apply. */
  conditions: string[];
}

export interface PolicyRequest {
  action: string;
  resource: string;
  /** Set for resource policies (a key policy): statements apply only to principals they name. */
  principal?: PrincipalRef;
  /** Condition keys whose values are known for this request (see EVALUATED_CONDITION_KEYS). */
  context?: Readonly<Record<string, string>>;
}

const coversAction = (s: PolicyStatement, action: string) =>
  s.NotAction !== undefined
    ? !listOf(s.NotAction).some((a) => wildcardMatches(a, action, true))
    : listOf(s.Action).some((a) => wildcardMatches(a, action, true));

const coversResource = (s: PolicyStatement, resource: string) =>
  s.NotResource !== undefined
    ? !listOf(s.NotResource).some((r) => wildcardMatches(r, resource))
    : s.Resource === undefined || listOf(s.Resource).some((r) => wildcardMatches(r, resource));

/** The string and ARN operators, by name without IfExists (a key the request gives exists). */
const OPERATORS: Record<string, (pattern: string, value: string) => boolean> = {
  stringequals: (p, v) => p === v,
  stringequalsignorecase: (p, v) => p.toLowerCase() === v.toLowerCase(),
  stringlike: (p, v) => wildcardMatches(p, v),
  arnequals: (p, v) => p === v,
  arnlike: (p, v) => wildcardMatches(p, v),
};
const NEGATED: Record<string, string> = {
  stringnotequals: 'stringequals',
  stringnotequalsignorecase: 'stringequalsignorecase',
  stringnotlike: 'stringlike',
  arnnotequals: 'arnequals',
  arnnotlike: 'arnlike',
};

/**
 * One condition against the request's known values: true or false when the key is one the request
 * gives and the operator a string or ARN one (IAM: a positive operator holds when any value
 * matches, a negated one when none does), else undefined (it may or may not hold).
 */
function holds(operator: string, key: string, values: unknown, context: Readonly<Record<string, string>>): boolean | undefined {
  if (!EVALUATED_CONDITION_KEYS.includes(key.toLowerCase())) return undefined;
  const value = Object.entries(context).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  const name = operator.toLowerCase().replace(/ifexists$/, '');
  const patterns = typeof values === 'string' ? [values] : Array.isArray(values) && values.every((v) => typeof v === 'string') ? (values as string[]) : undefined;
  if (value === undefined || !patterns) return undefined;
  const positive = OPERATORS[name] ?? OPERATORS[NEGATED[name] ?? ''];
  if (!positive) return undefined;
  const any = patterns.some((p) => positive(p, value));
  return name in NEGATED ? !any : any;
}

/** The conditions of a statement that the request's known values do not decide; undefined when one of them fails. */
function conditionsOf(s: PolicyStatement, context: Readonly<Record<string, string>>): string[] | undefined {
  if (!s.Condition || typeof s.Condition !== 'object') return [];
  const open: string[] = [];
  for (const [operator, keys] of Object.entries(s.Condition)) {
    if (!keys || typeof keys !== 'object') {
      open.push(operator);
      continue;
    }
    for (const [key, values] of Object.entries(keys)) {
      const result = holds(operator, key, values, context);
      if (result === false) return undefined;
      if (result === undefined) open.push(`${operator} ${key}`);
    }
  }
  return open;
}

/** Every statement of these policies that covers the request, conditional ones included. */
export function matchingStatements(policies: readonly PolicyDocument[], request: PolicyRequest): StatementMatch[] {
  const found: StatementMatch[] = [];
  for (const policy of policies) {
    statementsOf(policy).forEach((s, i) => {
      const effect = s.Effect === 'Deny' ? 'Deny' : s.Effect === 'Allow' ? 'Allow' : undefined;
      if (!effect || !coversAction(s, request.action) || !coversResource(s, request.resource)) return;
      let via: PrincipalMatch | undefined;
      if (request.principal) {
        // NotPrincipal: everyone but those named (IAM reference, NotPrincipal).
        if (s.NotPrincipal !== undefined) {
          if (principalMatch(s.NotPrincipal, request.principal)) return;
          via = 'everyone';
        } else {
          via = principalMatch(s.Principal, request.principal);
          if (!via) return;
        }
      }
      const conditions = conditionsOf(s, request.context ?? {});
      // A condition the request's own values fail: the statement does not apply to it.
      if (!conditions) return;
      found.push({ statement: s.Sid ?? `statement ${i + 1}`, effect, ...(via ? { via } : {}), conditions });
    });
  }
  return found;
}

export interface PolicyVerdict {
  /** allowed: an Allow applies for sure and no Deny may; explicitDeny: a Deny applies for sure. */
  decision: 'allowed' | 'explicitDeny' | 'implicitDeny';
  /** Statements with conditions that could change the decision: the verdict is then not sure. */
  unsure: StatementMatch[];
  matched: StatementMatch[];
}

/** The decision of these statements alone: an explicit deny wins, then an allow, else none. */
export function decide(matched: readonly StatementMatch[]): PolicyVerdict {
  const sure = matched.filter((m) => m.conditions.length === 0);
  const maybe = matched.filter((m) => m.conditions.length > 0);
  if (sure.some((m) => m.effect === 'Deny')) return { decision: 'explicitDeny', unsure: [], matched: [...matched] };
  if (sure.some((m) => m.effect === 'Allow')) {
    return { decision: 'allowed', unsure: maybe.filter((m) => m.effect === 'Deny'), matched: [...matched] };
  }
  return { decision: 'implicitDeny', unsure: maybe.filter((m) => m.effect === 'Allow'), matched: [...matched] };
}

export const evaluatePolicies = (policies: readonly PolicyDocument[], request: PolicyRequest): PolicyVerdict =>
  decide(matchingStatements(policies, request));
