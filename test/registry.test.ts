// Guards the registry: every check has a unique literal ID, its own source and test file, and an
// entry in the generated catalogue and the README; the docs generated from code are current.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { OPERATION_NAMES } from '../src/aws/operations';
import { CHECKS } from '../src/checks';
import { checkerPolicy, renderCatalogue, withCheckList } from '../src/docs/catalogue';
import { withKeptFields } from '../src/aws/snapshot-fields';

const root = join(__dirname, '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

describe('the check registry', () => {
  it('has unique, kebab-case IDs', () => {
    const ids = CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s has its file, its tests, docs and a description', (id, check) => {
    expect(existsSync(join(root, 'src', 'checks', `${id}.ts`))).toBe(true);
    expect(existsSync(join(root, 'test', 'checks', `${id}.test.ts`))).toBe(true);
    expect(read('README.md')).toContain(`\`${id}\``);
    expect(check.docs).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    expect(check.description.length).toBeGreaterThan(20);
    // An offline check says what it reads, so the catalogue can say it for every file kind.
    if (check.offline) expect(check.reads?.length).toBeGreaterThan(0);
  });

  it('src/checks/ holds checks only: every file there is a registered check of the same name (helpers live in support/)', () => {
    const files = readdirSync(join(root, 'src', 'checks')).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
    expect(files.map((f) => f.replace(/\.ts$/, '')).sort()).toEqual(CHECKS.map((c) => c.id).sort());
  });

  it('findings come from the constructors (pass, warn, fail, skip, error), and ARNs from src/arn.ts only', () => {
    const sources = (dir: string): string[] =>
      readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(`${dir}/${e.name}`) : e.name.endsWith('.ts') ? [`${dir}/${e.name}`] : []));
    const byHand = sources('src/checks').filter((f) => f !== 'src/checks/support/check.ts' && /status: '(pass|warn|fail|skip|error)'/.test(read(f)));
    expect(byHand).toEqual([]);
    // "arn:" followed by an interpolation builds an ARN; messages that show the form (arn:PARTITION:...) do not.
    const arnBuilders = sources('src').filter((f) => f !== 'src/arn.ts' && /arn:\$\{/.test(read(f)));
    expect(arnBuilders).toEqual([]);
  });

  it('lists checks grouped in display order (client, caller, cluster, task, container)', () => {
    const order = ['client', 'caller', 'cluster', 'task', 'container'];
    const groups = CHECKS.map((c) => order.indexOf(c.group));
    expect(groups).toEqual([...groups].sort((a, b) => a - b));
  });
});

describe('generated documentation', () => {
  it('docs/checks.md is current (npm run docs)', () => {
    expect(read('docs/checks.md')).toBe(renderCatalogue(CHECKS));
  });

  it("the README's check list is current, with every check's statuses (npm run docs)", () => {
    expect(read('README.md')).toBe(withCheckList(read('README.md'), CHECKS));
  });

  it.each(CHECKS.map((c) => [c.id, c] as const))('%s documents its pass and every non-pass status it can give', (_id, check) => {
    expect(check.outcomes.pass).toBeTruthy();
    expect(Object.keys(check.outcomes).length).toBeGreaterThan(1);
  });

  it("the README's IAM policy for the checker is exactly the operations it can call", () => {
    const block = /<!-- checker-policy[^>]*-->\n```json\n([\s\S]*?)\n```/.exec(read('README.md'));
    expect(block?.[1]).toBe(checkerPolicy());
  });
});

describe('the checker is read-only', () => {
  it.each([...OPERATION_NAMES])('%s is a Describe, Get, List or SimulatePrincipalPolicy', (operation) => {
    expect(operation.split(':')[1]).toMatch(/^(Describe|Get|List)[A-Z]|^SimulatePrincipalPolicy$/);
  });

  it('the live transport can call exactly those operations and no other', () => {
    const source = read('src/aws/live.ts');
    const wired = [...source.matchAll(/^\s+'([a-z0-9]+:[A-Za-z]+)': async/gm)].map((m) => m[1]);
    expect(wired.sort()).toEqual([...OPERATION_NAMES].sort());
    const commands = [...source.matchAll(/new m\.(\w+)Command\(/g)].map((m) => m[1]);
    expect(commands.sort()).toEqual(OPERATION_NAMES.map((o) => o.split(':')[1]).sort());
  });
});

describe('what a snapshot keeps', () => {
  it.each(['README.md', 'docs/snapshot.md'])('%s lists the fields of src/aws/snapshot-fields.ts (npm run docs)', (file) => {
    const text = read(file);
    expect(text).toContain('<!-- snapshot-fields -->\n| operation |');
    expect(text).toBe(withKeptFields(text));
  });
});
