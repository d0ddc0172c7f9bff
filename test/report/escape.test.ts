/* eslint-disable no-control-regex -- these tests look for control characters on purpose */
// Names and messages are data: a crafted container name, cluster, file or AWS message is shown in
// every format, never obeyed. Each format is read back by the tool its readers use.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import MarkdownIt from 'markdown-it';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { CHECKS, STEPS } from '../../src/checks';
import { grantCommand } from '../../src/checks/support/iam-simulation';
import { redeployCommand } from '../../src/checks/support/task-facts';
import type { CheckResult, Report } from '../../src/model';
import { markdownCode, markdownText, visibleControls, xmlText } from '../../src/report/escape';
import { render } from '../../src/report/render';
import { buildReport } from '../../src/report/report';
import { shellQuote } from '../../src/shell';
import { githubUploadProblems, validateSarif } from '../support/sarif';

const ESC = '\u001b';
/** What a terminal would act on: a screen clear, a hyperlink, a bell, NUL, an 8-bit CSI, a right-to-left override. */
const TERMINAL_HOSTILE = `${ESC}[2J${ESC}]8;;https://evil.example/${ESC}\\click${ESC}]8;;${ESC}\\ \u0007\u0000\u009b31m\u202egnp.exe`;
const HOSTILE = [
  TERMINAL_HOSTILE,
  '`</details><img src=x onerror=alert(1)>|@octocat ![i](https://evil.example/i.png) [l](https://evil.example)',
  'www.evil.example https://evil.example/x *bold* _it_ <b>b</b> &lt;script&gt;',
  '\n- a list\n# a heading\n```\n',
].join(' ');

/** A result of a real check: its id, title, group and documentation as the registry has them. */
function of(id: string): Pick<CheckResult, 'id' | 'title' | 'group' | 'docs'> {
  const check = CHECKS.find((c) => c.id === id)!;
  return { id, title: check.title, group: check.group, docs: check.docs };
}

function craftedReport(): Report {
  const task = `arn:aws:ecs:eu-west-1:111122223333:task/demo/${'0'.repeat(32)}`;
  const results: CheckResult[] = [
    {
      ...of('container-managed-agent'),
      status: 'fail',
      container: `app${HOSTILE}`,
      message: `agent STOPPED: ${HOSTILE}`,
      remediation: `aws ecs update-service --cluster ${shellQuote(`demo${HOSTILE}`)} --force-new-deployment`,
      task,
    },
    {
      ...of('task-status'),
      status: 'pass',
      message: `RUNNING ${HOSTILE}`,
      task,
    },
    {
      ...of('container-readonly-root-fs'),
      status: 'warn',
      message: 'read-only',
      remediation: `Set readonlyRootFilesystem to false on ${HOSTILE}`,
      location: { file: `infra/a b#%?${HOSTILE}.json`, line: 3, path: `containerDefinitions[0]${HOSTILE}` },
    },
  ];
  return buildReport(results, { region: 'eu-west-1', cluster: `demo${HOSTILE}`, task, account: '111122223333' }, '0.0.0');
}

const options = { checks: CHECKS, steps: STEPS, failOn: 'fail' as const, colour: false, width: 100 };

describe('crafted names and messages', () => {
  it('the table shows control characters as escapes: nothing reaches the terminal as a control', () => {
    for (const colour of [false, true]) {
      const table = render('table', craftedReport(), { ...options, colour });
      // Colour codes are the table's own (ESC [ digits m); no other control character is left.
      const bare = table.replace(/\u001b\[\d+(;\d+)*m/g, '');
      expect(bare).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
      expect(bare).toContain('\\x1b]8;;https://evil.example/');
      expect(bare).toContain('\\u202e');
    }
  });

  it('Markdown renders the data as text: no HTML, image, link or mention from it, and the table keeps its columns', () => {
    const markdown = render('markdown', craftedReport(), options);
    const html = new MarkdownIt({ html: true, linkify: true }).render(markdown);
    expect(html).not.toMatch(/<img|<b>|<script|<\/?code>[^<]*<\/details>|href="https:\/\/evil/);
    // The only links are the checks' documentation.
    for (const [, href] of html.matchAll(/href="([^"]*)"/g)) expect(href).toMatch(/^https:\/\/docs\.aws\.amazon\.com\//);
    // One <details> opened and closed by the report itself.
    expect(html.match(/<\/details>/g)).toHaveLength(1);
    // No @mention outside code (GitHub leaves code alone): every @ is followed by a zero-width joiner.
    expect(html.replace(/<(code|pre)>[\s\S]*?<\/\1>/g, '')).not.toMatch(/@[A-Za-z0-9]/);
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    // The passing row is one row of three cells.
    const passed = html.split('<table>')[2] ?? '';
    expect(passed.match(/<tr>/g)).toHaveLength(2);
    expect(passed.match(/<td>/g)).toHaveLength(3);
  });

  it('JUnit is well-formed XML with the characters XML forbids shown as escapes', () => {
    const junit = render('junit', craftedReport(), options);
    expect(XMLValidator.validate(junit)).toBe(true);
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(junit);
    expect(JSON.stringify(parsed)).toContain('\\\\x1b');
  });

  it('SARIF is valid, and its artifact URIs are percent-encoded', () => {
    const log = JSON.parse(render('sarif', craftedReport(), options));
    expect(validateSarif(log)).toBe(true);
    const uris = log.runs[0].results.flatMap((r: { locations: { physicalLocation?: { artifactLocation: { uri: string } } }[] }) =>
      r.locations.flatMap((l) => (l.physicalLocation ? [l.physicalLocation.artifactLocation.uri] : [])),
    );
    // The file of the lint result, and the placeholder of the live ones (.ecs-exec-checker/CLUSTER/TASK).
    expect(uris).toHaveLength(2);
    expect(uris).toContainEqual(expect.stringMatching(/^infra\/a%20b%23%25%3F/));
    expect(uris).toContainEqual(expect.stringMatching(/^\.ecs-exec-checker\/demo%1B[^/]*\/0{32}$/));
    for (const uri of uris) expect(uri).not.toMatch(/[\s#?\u0000-\u001f]/);
    expect(githubUploadProblems(log)).toEqual([]);
  });

  it('JSON carries the data exactly, as JSON escapes', () => {
    const json = render('json', craftedReport(), options);
    expect(JSON.parse(json).results[0].container).toBe(`app${HOSTILE}`);
    expect(json).not.toContain(ESC);
  });
});

/** A cluster's report: services and tasks with crafted names, as the table lists a fleet. */
function craftedFleet(): Report {
  // Only what a terminal acts on (the Markdown parts are craftedReport's): cli-table3 measures each
  // piece of a cell with an emoji pattern that is slow under Jest (a second a table of long cells).
  const taskArn = (id: string) => `arn:aws:ecs:eu-west-1:111122223333:task/demo${ESC}[2J\u202e/${id}`;
  const tasks = [taskArn('a'.repeat(32)), taskArn('b'.repeat(32)), taskArn('')];
  const results: CheckResult[] = tasks.flatMap((task, i) => [
    {
      ...of('container-managed-agent'),
      status: 'fail',
      container: `app${TERMINAL_HOSTILE}`,
      message: `agent STOPPED in ${task}`,
      remediation: `aws ecs execute-command --task ${shellQuote(task)}`,
      service: `web${TERMINAL_HOSTILE}`,
      task,
    },
    {
      ...of('task-status'),
      status: 'warn',
      message: `RUNNING ${TERMINAL_HOSTILE}`,
      ...(i === 0 ? { suppressed: { reason: `accepted ${TERMINAL_HOSTILE}`, by: `.ecs-exec-checker.yml${TERMINAL_HOSTILE}`, kind: 'external' as const } } : {}),
      service: i === 2 ? undefined : `web${TERMINAL_HOSTILE}`,
      task,
    },
  ]);
  const summary = { pass: 0, warn: 1, fail: 1, skip: 0, error: 0 };
  return buildReport(results, { region: 'eu-west-1', cluster: `demo${TERMINAL_HOSTILE}`, account: '111122223333' }, '0.0.0', [], {
    tasks: tasks.map((task) => ({ task, summary })),
    nextSteps: [{ task: tasks[0]!, container: 'app', command: `aws ecs execute-command --cluster ${shellQuote(`demo${TERMINAL_HOSTILE}`)} --interactive` }],
  });
}

describe('a crafted cluster, its services and tasks', () => {
  it.each([
    [true, false],
    [false, true],
  ])('the table (colour %s, quiet %s) shows every name and message as escapes', (colour, quiet) => {
    const table = render('table', craftedFleet(), { ...options, colour, quiet });
    const bare = table.replace(/\u001b\[\d+(;\d+)*m/g, '');
    expect(bare).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    // The heading's cluster, the service's section, the shared finding and its fix are all there.
    expect(bare).toMatch(/SERVICE web\\x1b\[2J/);
    expect(bare).toMatch(/in cluster demo\\x1b\[2J/);
    expect(bare).toContain('2 tasks (aaaaaaaa, bbbbbbbb): agent STOPPED in');
    expect(bare).toContain('arn:aws:ecs:eu-west-1:111122223333:task/demo\\x1b[2J\\u202e/*');
    expect(bare).toContain('\\u202egnp.exe');
    // The task whose warning was accepted has a row of its own, with the reason shown as escapes.
    expect(bare).toMatch(/task aaaaaaaa: RUNNING[^]*suppressed: accepted\s+\\x1b\[2J/);
    expect(bare).toContain('task bbbbbbbb: RUNNING');
    // A task whose ARN ends in a slash (no ID): its finding listed whole, not cut at every character.
    const standalone = bare.slice(bare.indexOf('STANDALONE TASKS'));
    expect(standalone).toContain('task : RUNNING');
    expect(standalone).not.toMatch(/R\*U\*N/);
  });

  it('Markdown lists the same sections with the data as text', () => {
    const markdown = render('markdown', craftedFleet(), options);
    expect(markdown).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(markdown).toContain('web\\x1b');
  });
});

describe('fix commands', () => {
  const sh = existsSync('/bin/sh') ? it : it.skip;
  /** Runs a command as a person pasting it would, with `aws` a function that prints its arguments. */
  function pasted(command: string): string[] {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-paste-'));
    const out = execFileSync('/bin/sh', ['-c', `cd "$1" && aws() { for a in "$@"; do printf '%s\\0' "$a"; done; }; ${command}`, 'sh', dir], { encoding: 'utf8', timeout: 30_000 });
    expect(execFileSync('ls', ['-A', dir], { encoding: 'utf8' })).toBe('');
    return out.split('\0').slice(0, -1);
  }

  sh('a crafted cluster and service name each stay one argument, and run nothing', () => {
    const cluster = "prod'; touch pwned; echo '";
    const service = '$(touch pwned)`touch pwned`';
    const task = { taskArn: `arn:aws:ecs:eu-west-1:111122223333:task/${cluster}/abc`, clusterArn: `arn:aws:ecs:eu-west-1:111122223333:cluster/${cluster}`, group: `service:${service}`, taskDefinitionArn: 'arn:aws:ecs:eu-west-1:111122223333:task-definition/web:7' };
    const args = pasted(redeployCommand(task, '--enable-execute-command'));
    expect(args).toEqual(['ecs', 'update-service', '--cluster', cluster, '--service', service, '--enable-execute-command', '--force-new-deployment']);
  });

  sh('a policy document with a quote in a resource name stays one argument', () => {
    const args = pasted(grantCommand("arn:aws:iam::111122223333:role/o'brien", 'p', [{ Effect: 'Allow', Action: 'logs:PutLogEvents', Resource: "arn:aws:logs:eu-west-1:111122223333:log-group:it's:*" }]));
    expect(args.slice(0, 6)).toEqual(['iam', 'put-role-policy', '--role-name', "o'brien", '--policy-name', 'p']);
    expect(JSON.parse(args[7]!).Statement[0].Resource).toBe("arn:aws:logs:eu-west-1:111122223333:log-group:it's:*");
  });
});

describe('the escapes themselves', () => {
  it.each([
    ['ESC', visibleControls(`a${ESC}[31mb`), 'a\\x1b[31mb'],
    ['newline kept in the terminal', visibleControls('a\nb'), 'a\nb'],
    ['markdown code with backticks', markdownCode('a``b'), '```a``b```'],
    ['markdown code starting with a backtick', markdownCode('`a'), '`` `a ``'],
    ['markdown list marker at the start', markdownText('- x'), '\\- x'],
    ['xml: a forbidden character', xmlText('a\u0001<b>'), 'a\\x01&lt;b&gt;'],
  ])('%s', (_what, got, expected) => {
    expect(got).toBe(expected);
  });
});
