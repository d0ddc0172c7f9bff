import { renderJson, renderJsonChunks } from '../../src/report/json';
import { buildReport } from '../../src/report/report';
import { verdictOf } from '../../src/report/verdict';
import { checkTargets, checkTask } from '../../src/run';
import { fleetWorld } from '../support/fleet';
import { worldTransport } from '../support/world';
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
    expect(Object.keys(document)).toEqual(['schemaVersion', 'tool', 'target', 'summary', 'verdict', 'tasks', 'results', 'stats']);
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

describe('the JSON report in pieces', () => {
  /** The document as one JSON.stringify of it builds it: the text the pieces must equal. */
  const built = (report: Awaited<ReturnType<typeof checkTask>>['report']) => {
    const keys = ['id', 'title', 'group', 'status', 'message', 'remediation', 'docs', 'service', 'task', 'container', 'path', 'location', 'details', 'suppressed'] as const;
    const ordered = (r: Record<string, unknown>) => Object.fromEntries(keys.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
    const { schemaVersion, tool, target, summary, tasks, results, nextSteps, stats, notRun } = report;
    const document = { schemaVersion, tool, target, summary, verdict: verdictOf(report), ...(notRun ? { notRun } : {}), ...(tasks ? { tasks } : {}), results: results.map((r) => ordered(r as never)), ...(nextSteps ? { nextSteps } : {}), ...(stats ? { stats } : {}) };
    return `${JSON.stringify(document, null, 2)}\n`;
  };

  it.each(FIXTURE_NAMES)('%s: the pieces are the built document, byte for byte', async (name) => {
    const { report } = await checkTask({ replay: loadFixture(name) });
    const pieces = [...renderJsonChunks(report)];
    expect(pieces.join('')).toBe(built(report));
  });

  it('a whole cluster comes in pieces of a few results, each far smaller than the document', async () => {
    const world = fleetWorld({ tasks: 40 });
    const { report } = await checkTargets({ cluster: 'demo', all: true, region: world.region, transport: worldTransport(world), clientTools: async () => world.clientTools });
    const pieces = [...renderJsonChunks(report)];
    const whole = pieces.join('');
    expect(whole).toBe(built(report));
    expect(pieces.length).toBeGreaterThan(10);
    expect(Math.max(...pieces.map((p) => p.length))).toBeLessThan(whole.length / 5);
  });

  it('no results, and a name that holds the marker, give the built document too', () => {
    const report = buildReport([], { region: 'eu-west-1', cluster: '\u0000results\u0000' }, '0.0.0');
    expect([...renderJsonChunks(report)].join('')).toBe(built(report));
  });
});
