// Lint fixtures, one per kind of file teams deploy from (fixtures/lint/<kind>/), each with the
// report it gives (fixtures/lint/expected/<kind>.json): a change in what lint reads shows here.
// `npm run fixtures` writes them anew; each report is also a valid SARIF log.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { CHECKS, STEPS } from '../../src/checks';
import { lintFiles } from '../../src/offline/lint';
import { renderJson } from '../../src/report/json';
import { buildReport } from '../../src/report/report';
import { renderSarif } from '../../src/report/sarif';
import { expectValidReport } from '../support/report-schema';
import { validateSarif } from '../support/sarif';

const ROOT = join(__dirname, '..', '..');
const KINDS = ['taskdef', 'cloudformation', 'cdk', 'terraform', 'terraform-plan', 'ecspresso'];

describe.each(KINDS)('lint fixture %s', (kind) => {
  it('gives the recorded report, valid as JSON and as SARIF', async () => {
    // Paths as a user in the repository gives them: relative, so reports read the same anywhere.
    const dir = relative(process.cwd(), join(ROOT, 'fixtures', 'lint', kind));
    const { results, files } = await lintFiles([dir], CHECKS, { readStdin: () => '' });
    const report = buildReport(results, { files }, 'fixture');
    const text = renderJson(report);
    const expected = join(ROOT, 'fixtures', 'lint', 'expected', `${kind}.json`);
    if (process.env.UPDATE_FIXTURES === '1') writeFileSync(expected, text);
    expect(text).toBe(readFileSync(expected, 'utf8'));
    expectValidReport(JSON.parse(text));
    expect(validateSarif(JSON.parse(renderSarif(report, CHECKS, STEPS)))).toBe(true);
  });
});
