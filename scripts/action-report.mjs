// The GitHub Action's second half (action.yml): from the JSON report the CLI wrote, the report in
// the format asked for, the Markdown report in the job's step summary, and the step's outputs.
// Uses the bundle of the action's own checkout (dist/index.js), as the CLI step does.
import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CHECKS, STEPS, render } = require('../dist/index.js');
const env = process.env;
const EXTENSIONS = { sarif: 'sarif', junit: 'xml', markdown: 'md', json: 'json', table: 'txt' };

const format = env.OUTPUT || 'sarif';
const outputFile = env.OUTPUT_FILE || `ecs-exec-checker.${EXTENSIONS[format] ?? format}`;
const outputs = [`exit-code=${env.EXIT_CODE ?? ''}`];
if (existsSync(env.REPORT_JSON ?? '')) {
  const report = JSON.parse(readFileSync(env.REPORT_JSON, 'utf8'));
  const notRun = new Set(report.notRun ?? []);
  const options = { checks: CHECKS.filter((c) => !notRun.has(c.id)), steps: STEPS, failOn: env.FAIL_ON || 'fail', colour: false, width: 100 };
  writeFileSync(outputFile, render(format, report, options));
  if (env.GITHUB_STEP_SUMMARY) appendFileSync(env.GITHUB_STEP_SUMMARY, render('markdown', report, options));
  outputs.push(`fail=${report.summary.fail}`, `warn=${report.summary.warn}`, `report=${outputFile}`);
}
// Bad usage (exit 2) writes no report: the exit code says so, and the log has the one line why.
if (env.GITHUB_OUTPUT) appendFileSync(env.GITHUB_OUTPUT, `${outputs.join('\n')}\n`);
