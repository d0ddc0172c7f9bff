// Validates JSON reports against the published schema (docs/report.schema.json).
import Ajv from 'ajv';
import schema from '../../docs/report.schema.json';

const ajv = new Ajv({ allErrors: true, strict: true, strictRequired: false, validateFormats: false });
const validate = ajv.compile(schema);

export function expectValidReport(document: unknown): void {
  const ok = validate(document);
  if (!ok) throw new Error(`report does not match docs/report.schema.json: ${ajv.errorsText(validate.errors)}`);
}
