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
  return results;
}
