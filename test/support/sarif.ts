// SARIF 2.1.0, checked against the official schema (JSON Schema draft-04, with a pattern the u
// flag rejects): every lint test's results render to a log code scanning accepts.
import Ajv04 from 'ajv-draft-04';
import sarifSchema from '@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json';
import { CHECKS, STEPS } from '../../src/checks';
import type { CheckResult } from '../../src/model';
import { buildReport } from '../../src/report/report';
import { renderSarif } from '../../src/report/sarif';

export const validateSarif = new Ajv04({ allErrors: true, strict: false, validateFormats: false, unicodeRegExp: false }).compile(sarifSchema);

/** The results, passed through: their SARIF log is valid, or the test fails here. */
export function sarifChecked<T extends readonly CheckResult[]>(results: T): T {
  const files = [...new Set(results.map((r) => r.location?.file ?? ''))];
  const log = JSON.parse(renderSarif(buildReport([...results], { files }, 'test'), CHECKS, STEPS));
  if (!validateSarif(log)) throw new Error(`invalid SARIF: ${JSON.stringify(validateSarif.errors?.slice(0, 3))}`);
  const refused = githubUploadProblems(log as unknown as SarifLog);
  if (refused.length) throw new Error(`code scanning would refuse: ${refused.slice(0, 3).join('; ')}`);
  return results;
}

interface SarifLog {
  runs: { tool: { driver: { name?: string; rules?: { id: string }[] } }; results?: { ruleId?: string; ruleIndex?: number; message?: { text?: string }; locations?: { physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } } }[] }[] }[];
}

/**
 * What GitHub code scanning's upload would refuse or drop (docs: "SARIF support for code
 * scanning"): every result needs a rule of the run, a message, and a location with a file URI
 * (a relative path or file:), lines from 1; at most 25,000 results and 1,000 locations each.
 */
export function githubUploadProblems(log: SarifLog): string[] {
  return log.runs.flatMap((run, r) => {
    const rules = new Set((run.tool.driver.rules ?? []).map((rule) => rule.id));
    const results = run.results ?? [];
    return [
      ...(!run.tool.driver.name ? [`runs[${r}]: no tool name`] : []),
      ...(results.length > 25_000 ? [`runs[${r}]: ${results.length} results`] : []),
      ...results.flatMap((res, i) => {
        const at = `runs[${r}].results[${i}]`;
        const uri = res.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
        const line = res.locations?.[0]?.physicalLocation?.region?.startLine;
        return [
          ...(!res.ruleId || !rules.has(res.ruleId) ? [`${at}: rule ${res.ruleId} is not a rule of the run`] : []),
          ...(res.ruleIndex !== undefined && run.tool.driver.rules?.[res.ruleIndex]?.id !== res.ruleId ? [`${at}: ruleIndex does not point at its rule`] : []),
          ...(!res.message?.text ? [`${at}: no message`] : []),
          ...(!uri ? [`${at}: no physicalLocation with a file`] : /^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('file:') ? [`${at}: ${uri} is not a file URI`] : []),
          ...(/[\s#?]/.test(uri ?? '') ? [`${at}: ${uri} is not encoded`] : []),
          ...(line !== undefined && line < 1 ? [`${at}: line ${line}`] : []),
          ...((res.locations?.length ?? 0) > 1000 ? [`${at}: too many locations`] : []),
        ];
      }),
    ];
  });
}
