// Runs every check concurrently, each in its own try/catch, and reports in registry order.
import { AwsCallError, permissionFor, splitOperation } from './aws/operations';
import type { Check } from './checks/support/check';
import { DeadlineReached, UnknownOffline } from './errors';
import { redactText } from './redact';
import type { Facts } from './facts';
import type { CheckResult, Finding } from './model';

/** "Could not check" is an error result, never a fail: it names the call and the permission. */
export function findingForError(error: unknown): Finding {
  if (error instanceof UnknownOffline) {
    return { status: 'skip', message: error.message, remediation: 'Run ecs-exec-checker against a running task after deploy.' };
  }
  if (error instanceof DeadlineReached) {
    return {
      status: 'error',
      message: error.message,
      remediation: 'Run the checker again with a longer --deadline, or check fewer tasks at a time (--service NAME, or named tasks).',
    };
  }
  if (error instanceof AwsCallError) {
    const permission = permissionFor(error.operation);
    const { name } = splitOperation(error.operation);
    const remediation =
      error.isAccessDenied && permission
        ? `Grant the identity running the checker ${permission} (see the README's IAM policy), then run it again.`
        : error.code === 'ECONNRESET'
          ? `Run the checker again; if ${name} keeps being reset, check what sits between this machine and AWS (a proxy, a firewall, a VPN).`
          : /Timeout/i.test(error.code)
            ? `Run the checker again with a longer --timeout; if ${name} keeps timing out, check the network path to AWS.`
          : `Run the checker again; if ${name} keeps failing, check the region, the endpoint and AWS's service health.`;
    return {
      status: 'error',
      message: `could not check: ${error.message}`,
      remediation,
      details: { operation: name, errorCode: error.code, permission },
    };
  }
  const message = redactText(error instanceof Error ? error.message : String(error));
  return {
    status: 'error',
    message: `could not check: ${message}`,
    remediation: 'Run the checker again; if this persists, report it with a --record snapshot.',
  };
}

async function runOne(check: Check, facts: Facts, deadline?: Promise<never>): Promise<CheckResult[]> {
  let findings: Finding[];
  try {
    const outcome = await (deadline ? Promise.race([check.run(facts), deadline]) : check.run(facts));
    findings = Array.isArray(outcome) ? outcome : [outcome];
  } catch (error) {
    findings = [findingForError(error)];
  }
  return findings.map((finding) => ({
    id: check.id,
    title: check.title,
    group: check.group,
    docs: check.docs,
    ...finding,
  }));
}

/** deadline: rejects with DeadlineReached when the run's time is up; a check still waiting then says so. */
export async function runChecks(checks: readonly Check[], facts: Facts, deadline?: Promise<never>): Promise<CheckResult[]> {
  const perCheck = await Promise.all(checks.map((check) => runOne(check, facts, deadline)));
  return perCheck.flat();
}
