import { renderJson } from '../../src/report/json';
import { checkTask } from '../../src/run';
import { FIXTURE_NAMES, loadFixture } from '../support/fixtures';
import { expectValidReport } from '../support/report-schema';

describe('the JSON report', () => {
  it.each(FIXTURE_NAMES)('%s matches docs/report.schema.json', async (name) => {
    const { report } = await checkTask({ replay: loadFixture(name) });
    expectValidReport(JSON.parse(renderJson(report)));
  });

  it('keeps its keys in one order, for stable diffs', async () => {
    const { report } = await checkTask({ replay: loadFixture('demo') });
    const document = JSON.parse(renderJson(report));
    expect(Object.keys(document)).toEqual(['schemaVersion', 'tool', 'target', 'summary', 'tasks', 'results', 'stats']);
    const failing = document.results.find((r: { status: string }) => r.status === 'fail');
    expect(Object.keys(failing)).toEqual(['id', 'title', 'group', 'status', 'message', 'remediation', 'docs', 'service', 'task', 'details']);
  });

  it('the schema rejects a result without remediation when it is not a pass', () => {
    const bad = { schemaVersion: 1, tool: { name: 'ecs-exec-checker', version: '1' }, target: {}, summary: { pass: 0, warn: 0, fail: 1, skip: 0, error: 0 } };
    expect(() => expectValidReport({ ...bad, results: [{ id: 'task-role', title: 't', group: 'task', status: 'fail', message: 'm' }] })).toThrow(/remediation/);
  });
});

describe('renderJson', () => {
  it('is exactly JSON.stringify of the document, two spaces, whatever the number of results', async () => {
    const { report } = await checkTask({ replay: loadFixture('demo') });
    for (const results of [report.results, [], report.results.slice(0, 1)]) {
      const text = renderJson({ ...report, results });
      expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
      expect(JSON.parse(text).results).toHaveLength(results.length);
    }
  });
});

describe('a one-task report', () => {
  it('lists its results in registry order, the run-level checks among the others', async () => {
    const { CHECKS } = await import('../../src/checks');
    const { report } = await checkTask({ replay: loadFixture('demo') });
    const firstSeen = [...new Set(report.results.map((r) => r.id))];
    expect(firstSeen).toEqual(CHECKS.map((c) => c.id).filter((id) => firstSeen.includes(id)));
  });
});
