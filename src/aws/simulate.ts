// SimulatePrincipalPolicy for a whole run in few calls. Checks ask one question each (a
// principal, actions, one resource, a context); the simulator answers them together:
// - requests of one principal share a call when their contexts agree: a context key whose value
//   differs between them (ecs:task, ecs:container-name, a tag) is left out at first;
// - one call carries every resource that asks the same actions, up to 200 ARNs;
// - the simulator names the context keys a policy needed and did not get (MissingContextValues):
//   a request whose policies need a key that was left out is asked again with it, grouped by its
//   value. Policies without such conditions, the usual case, cost one call per principal and
//   200 tasks; a policy on ecs:ResourceTag/team costs one more per distinct team.
import type { ContextEntry, EvaluationResult, SimulationRequest } from '../facts';
import { groupBy } from '../collections';
import { chunks, type Batching } from './batch';
import { canonicalJson } from './canonical';

const MAX_RESOURCES = 200;
/** At most this many resources in all, the calls of a few resources each are made one. */
const FEW_RESOURCES = 4;

/**
 * IAM answers every action for every resource of a call: the calls of a few resources each (the
 * task role's "*", its log group, the account's log groups) are one call for all their actions
 * and resources, the answers not asked for left unread. A call of many resources (tasks of a
 * cluster) keeps its own actions. Which calls merge depends only on the requests.
 */
function fewerCalls(byActions: Map<string, string[]>): Map<string, string[]> {
  const few = [...byActions].filter(([, resources]) => resources.length < FEW_RESOURCES);
  const resources = [...new Set(few.flatMap(([, r]) => r))].sort();
  if (few.length < 2 || resources.length > FEW_RESOURCES) return byActions;
  const actions = [...new Set(few.flatMap(([key]) => key.split(' ')))].sort().join(' ');
  const merged = new Map(byActions);
  for (const [key] of few) merged.delete(key);
  merged.set(actions, [...new Set([...(merged.get(actions) ?? []), ...resources])]);
  return merged;
}

interface Pending {
  request: SimulationRequest;
  /** The context keys to send (the shared ones, and any a policy turned out to need). */
  keys: Set<string>;
  results?: EvaluationResult[];
}

/** A request's key, made once per request object (the loader and the answers both ask for it). */
const keys = new WeakMap<SimulationRequest, string>();
function keyOf(request: SimulationRequest): string {
  let key = keys.get(request);
  if (key === undefined) keys.set(request, (key = canonicalJson(request)));
  return key;
}

/** One EvaluationResult per action and resource, whichever way IAM answered (see below). */
export function perResource(results: readonly EvaluationResult[], resources: readonly string[]): Map<string, EvaluationResult> {
  const out = new Map<string, EvaluationResult>();
  for (const result of results) {
    const action = result.EvalActionName ?? '';
    // IAM now answers once per action, with each resource's verdict in ResourceSpecificResults;
    // it used to answer once per action and resource. The organization's verdict is only given
    // for the action as a whole, so it is kept only for the resources that were denied.
    if (result.ResourceSpecificResults?.length) {
      for (const specific of result.ResourceSpecificResults) {
        const denied = specific.EvalResourceDecision !== 'allowed';
        out.set(`${action} ${specific.EvalResourceName}`, {
          EvalActionName: action,
          EvalResourceName: specific.EvalResourceName,
          EvalDecision: specific.EvalResourceDecision,
          MatchedStatements: specific.MatchedStatements ?? [],
          MissingContextValues: specific.MissingContextValues ?? [],
          ...(specific.EvalDecisionDetails ? { EvalDecisionDetails: specific.EvalDecisionDetails } : {}),
          ...(denied && result.OrganizationsDecisionDetail ? { OrganizationsDecisionDetail: result.OrganizationsDecisionDetail } : {}),
          ...((specific.PermissionsBoundaryDecisionDetail ?? (denied ? result.PermissionsBoundaryDecisionDetail : undefined))
            ? { PermissionsBoundaryDecisionDetail: specific.PermissionsBoundaryDecisionDetail ?? result.PermissionsBoundaryDecisionDetail }
            : {}),
        });
      }
    } else {
      const resource = result.EvalResourceName ?? (resources.length === 1 ? resources[0] : undefined);
      if (resource !== undefined) out.set(`${action} ${resource}`, result);
    }
  }
  return out;
}

/** The context keys every request of one principal carries with the same values. */
function sharedKeys(requests: readonly SimulationRequest[]): Set<string> {
  const valueOf = (entries: readonly ContextEntry[] | undefined, key: string) =>
    JSON.stringify(entries?.find((e) => e.ContextKeyName === key) ?? null);
  const first = requests[0]?.context ?? [];
  return new Set(
    first
      .map((e) => e.ContextKeyName ?? '')
      .filter((key) => {
        const value = valueOf(first, key);
        return requests.every((r) => valueOf(r.context, key) === value);
      }),
  );
}

export function createSimulator(batching: Batching): (request: SimulationRequest) => Promise<EvaluationResult[]> {
  const aws = batching.transport;

  async function simulateOnce(principal: string, actions: string[], resources: string[], context: ContextEntry[]) {
    const results: EvaluationResult[] = [];
    let Marker: string | undefined;
    do {
      const out = await aws.call('iam:SimulatePrincipalPolicy', {
        PolicySourceArn: principal,
        ActionNames: actions,
        ResourceArns: resources,
        ...(context.length ? { ContextEntries: context } : {}),
        ...(Marker ? { Marker } : {}),
      });
      for (const result of out.EvaluationResults ?? []) results.push(result);
      Marker = out.IsTruncated ? out.Marker : undefined;
    } while (Marker);
    return perResource(results, resources);
  }

  /** One round: every pending request of one principal, in as few calls as their contexts allow. */
  async function round(principal: string, pending: readonly Pending[]): Promise<void> {
    const sentContext = (p: Pending) => (p.request.context ?? []).filter((e) => p.keys.has(e.ContextKeyName ?? ''));
    const byContext = groupBy(pending, (p) => canonicalJson(sentContext(p)));
    await Promise.all(
      [...byContext.values()].map(async (group) => {
        const context = sentContext(group[0]!);
        // Each resource with the actions asked of it; resources asked the same actions share calls.
        const actionsOf = new Map<string, Set<string>>();
        for (const p of group) {
          for (const resource of p.request.resourceArns) {
            const set = actionsOf.get(resource) ?? new Set<string>();
            p.request.actions.forEach((a) => set.add(a));
            actionsOf.set(resource, set);
          }
        }
        const sorted = [...actionsOf].sort(([a], [b]) => (a < b ? -1 : 1));
        const byActions = fewerCalls(
          new Map([...groupBy(sorted, ([, actions]) => [...actions].sort().join(' '))].map(([key, entries]) => [key, entries.map(([r]) => r)])),
        );
        const answers = new Map<string, EvaluationResult>();
        await Promise.all(
          [...byActions].flatMap(([actions, resources]) =>
            chunks(resources, MAX_RESOURCES).map(async (part) => {
              const found = await simulateOnce(principal, actions.split(' '), part, context);
              found.forEach((v, k) => answers.set(k, v));
            }),
          ),
        );
        for (const p of group) {
          p.results = p.request.actions.flatMap((action) =>
            p.request.resourceArns.map((resource) => answers.get(`${action} ${resource}`)).filter((r): r is EvaluationResult => !!r),
          );
        }
      }),
    );
  }

  const loader = batching.loader<SimulationRequest, EvaluationResult[]>({
    key: keyOf,
    maxBatch: Number.MAX_SAFE_INTEGER,
    async load(requests) {
      const byPrincipal = groupBy(requests, (r) => r.principalArn);
      const answers = new Map<string, EvaluationResult[]>();
      await Promise.all(
        [...byPrincipal].map(async ([principal, group]) => {
          const shared = sharedKeys(group);
          let pending: Pending[] = group.map((request) => ({ request, keys: new Set(shared) }));
          const all = pending;
          while (pending.length > 0) {
            await round(principal, pending);
            // Ask again, with the keys the policies turned out to need, whoever lacked one.
            pending = pending.filter((p) => {
              const have = new Set((p.request.context ?? []).map((e) => e.ContextKeyName ?? ''));
              const needed = (p.results ?? []).flatMap((r) => r.MissingContextValues ?? []).filter((k) => have.has(k) && !p.keys.has(k));
              needed.forEach((k) => p.keys.add(k));
              return needed.length > 0;
            });
          }
          for (const p of all) answers.set(keyOf(p.request), p.results ?? []);
        }),
      );
      return answers;
    },
  });

  return async (request) => (await loader(request)) ?? [];
}
