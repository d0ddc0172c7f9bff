// A template read the way CloudFormation reads it: intrinsics resolved where the template alone
// decides them (Ref and Fn::GetAtt to its own resources, parameters with a Default, Fn::If for
// a chosen truth of each condition, Fn::Sub and Fn::Join of known parts), and everything else
// (Fn::ImportValue, pseudo parameters, SSM parameter types) kept as unknown until deploy.

/** A value only the deploy knows: what sets it, for the message. */
export class Unknown {
  constructor(readonly why: string) {}
}

/** A resource of the same template (Ref or Fn::GetAtt): present, whatever its deployed name. */
export class ResourceRef {
  constructor(
    readonly logicalId: string,
    readonly attribute?: string,
  ) {}

  toString(): string {
    return `${this.logicalId}${this.attribute ? `.${this.attribute}` : ''} (a resource of this template)`;
  }
}

/** A parameter's Default stood in for its value: said in the message of what depends on it. */
export class FromDefault {
  constructor(
    readonly parameter: string,
    readonly value: unknown,
  ) {}
}

export interface TemplateResource {
  Type?: string;
  Properties?: Record<string, unknown>;
  Condition?: string;
  Metadata?: Record<string, unknown>;
}

export interface TemplateContext {
  parameters: Record<string, { Type?: string; Default?: unknown }>;
  resources: Record<string, TemplateResource>;
  /** The truth chosen for each condition in this reading of the template. */
  conditions: Record<string, boolean>;
}

const REMOVED = Symbol('AWS::NoValue');

const isIntrinsic = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 1 && /^(Ref|Condition|Fn::\w+)$/.test(Object.keys(value)[0]!);

/** The conditions that Fn::If names anywhere in a value: each reading chooses their truth. */
export function conditionsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => conditionsIn(v, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const branches = record['Fn::If'];
    if (Array.isArray(branches) && typeof branches[0] === 'string') found.add(branches[0]);
    Object.values(record).forEach((v) => conditionsIn(v, found));
  }
  return found;
}

/** The logical IDs a value names with Ref or Fn::GetAtt, on any branch. */
export function referencesIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((v) => referencesIn(v, found));
  else if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if (typeof record.Ref === 'string') found.add(record.Ref);
    const getAtt = record['Fn::GetAtt'];
    const target = Array.isArray(getAtt) ? getAtt[0] : typeof getAtt === 'string' ? getAtt.split('.')[0] : undefined;
    if (typeof target === 'string') found.add(target);
    Object.values(record).forEach((v) => referencesIn(v, found));
  }
  return found;
}

function ref(name: string, ctx: TemplateContext): unknown {
  if (name === 'AWS::NoValue') return REMOVED;
  // The partition and URL suffix only spell ARNs and host names (CDK writes every managed policy
  // ARN with AWS::Partition): any partition reads the same for what the checks match.
  if (name === 'AWS::Partition') return 'aws';
  if (name === 'AWS::URLSuffix') return 'amazonaws.com';
  if (name.startsWith('AWS::')) return new Unknown(name);
  const parameter = ctx.parameters[name];
  if (parameter) {
    // An SSM parameter type is read from Parameter Store at deploy: its Default is a name, not the value.
    if (parameter.Type?.startsWith('AWS::SSM::Parameter::Value') || parameter.Default === undefined) return new Unknown(`parameter ${name}`);
    return new FromDefault(name, parameter.Default);
  }
  if (ctx.resources[name]) return new ResourceRef(name);
  return new Unknown(`Ref ${name}`);
}

/** A scalar a string can be built from, or undefined when one part is unknown. */
function text(value: unknown): string | undefined {
  const plain = value instanceof FromDefault ? value.value : value;
  if (typeof plain === 'string' || typeof plain === 'number' || typeof plain === 'boolean') return String(plain);
  return undefined;
}

function sub(template: string, variables: Record<string, unknown>, ctx: TemplateContext): unknown {
  let unknown: Unknown | undefined;
  const out = template.replace(/\$\{(!?)([^!}][^}]*)\}/g, (whole, literal: string, name: string) => {
    if (literal) return `\${${name}}`;
    const value = name in variables ? resolve(variables[name], ctx) : name.includes('.') ? resolve({ 'Fn::GetAtt': name.split('.') }, ctx) : ref(name, ctx);
    const part = value instanceof ResourceRef ? undefined : text(value);
    if (part === undefined) unknown ??= value instanceof Unknown ? value : new Unknown(`Fn::Sub of ${name}`);
    return part ?? whole;
  });
  return unknown ?? out;
}

/** One intrinsic, resolved as far as the template alone allows. */
function intrinsic(name: string, argument: unknown, ctx: TemplateContext): unknown {
  switch (name) {
    case 'Ref':
      return typeof argument === 'string' ? ref(argument, ctx) : new Unknown('Ref');
    case 'Fn::GetAtt': {
      const [id, ...attribute] = Array.isArray(argument) ? argument : typeof argument === 'string' ? argument.split('.') : [];
      return typeof id === 'string' && ctx.resources[id] ? new ResourceRef(id, attribute.join('.')) : new Unknown('Fn::GetAtt');
    }
    case 'Fn::If': {
      const [condition, whenTrue, whenFalse] = Array.isArray(argument) ? argument : [];
      if (typeof condition !== 'string' || !(condition in ctx.conditions)) return new Unknown('Fn::If');
      return resolve(ctx.conditions[condition] ? whenTrue : whenFalse, ctx);
    }
    case 'Fn::Sub': {
      const [template, variables] = Array.isArray(argument) ? argument : [argument, {}];
      return typeof template === 'string' ? sub(template, (variables ?? {}) as Record<string, unknown>, ctx) : new Unknown('Fn::Sub');
    }
    case 'Fn::Join': {
      const [separator, parts] = Array.isArray(argument) ? argument : [];
      const resolved = Array.isArray(parts) ? parts.map((p) => resolve(p, ctx)) : undefined;
      const strings = resolved?.map(text);
      if (typeof separator !== 'string' || !strings || strings.some((s) => s === undefined)) return new Unknown('Fn::Join');
      return strings.join(separator);
    }
    default:
      return new Unknown(name);
  }
}

/** The value with every intrinsic resolved; Unknown, ResourceRef and FromDefault mark what is not plain. */
export function resolve(value: unknown, ctx: TemplateContext): unknown {
  if (isIntrinsic(value)) {
    const [name, argument] = Object.entries(value)[0]!;
    return dynamic(intrinsic(name, argument, ctx));
  }
  if (Array.isArray(value)) return value.map((v) => resolve(v, ctx)).filter((v) => v !== REMOVED);
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      const resolved = resolve(v, ctx);
      if (resolved !== REMOVED) out[key] = resolved;
    }
    return out;
  }
  return dynamic(value);
}

/** A dynamic reference ({{resolve:ssm:/app/exec-enabled}}), which CloudFormation resolves at deploy. */
const DYNAMIC_REFERENCE = /\{\{resolve:[^{}]*\}\}/;
const dynamic = (value: unknown) => {
  const found = typeof value === 'string' ? DYNAMIC_REFERENCE.exec(value) : null;
  return found ? new Unknown(`the dynamic reference ${found[0]}`) : value;
};

/** The resource a resolved reference points at, when it is one of the template's. */
export function referenced(value: unknown, ctx: TemplateContext, type?: string): [string, TemplateResource] | undefined {
  const id = value instanceof ResourceRef ? value.logicalId : undefined;
  const resource = id ? ctx.resources[id] : undefined;
  return id && resource && (!type || resource.Type === type) ? [id, resource] : undefined;
}

/**
 * Every reading of the template a resource needs: one per truth of the conditions it names
 * (at most 2^5; past that, the first five vary and the rest stay false).
 */
export function readings(conditions: ReadonlySet<string>): Record<string, boolean>[] {
  const names = [...conditions].sort();
  const varied = names.slice(0, 5);
  const fixed = Object.fromEntries(names.slice(5).map((n) => [n, false]));
  return Array.from({ length: 2 ** varied.length }, (_, bits) => ({
    ...fixed,
    ...Object.fromEntries(varied.map((name, i) => [name, (bits & (1 << i)) !== 0])),
  }));
}
