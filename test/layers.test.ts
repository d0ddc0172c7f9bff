// The layers of ARCHITECTURE.md hold by construction: the lint config refuses an import that
// crosses them. Each probe is linted as the file it names, with the project's own ESLint config.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const root = join(__dirname, '..');

const PROBES: [file: string, code: string, refused: boolean][] = [
  ['src/checks/probe.ts', "import { createLiveTransport } from '../aws/live';\nexport const x = createLiveTransport;\n", true],
  ['src/checks/support/probe.ts', "import { renderJson } from '../../report/json';\nexport const x = renderJson;\n", true],
  ['src/checks/probe-fs.ts', "import { readFileSync } from 'node:fs';\nexport const x = readFileSync;\n", true],
  ['src/checks/probe-sdk.ts', "import { ECSClient } from '@aws-sdk/client-ecs';\nexport const x = ECSClient;\n", true],
  ['src/report/probe.ts', "import { CHECKS } from '../checks';\nexport const x = CHECKS;\n", true],
  ['src/report/probe-aws.ts', "import { OPERATION_NAMES } from '../aws/operations';\nexport const x = OPERATION_NAMES;\n", true],
  ['src/model.ts', "import { CHECKS } from './checks';\nexport const x = CHECKS;\n", true],
  ['src/facts.ts', "import type { AwsTransport } from './aws/operations';\nexport type X = AwsTransport;\n", true],
  ['src/model.ts', "import type { Task } from '@aws-sdk/client-ecs';\nexport type X = Task;\n", true],
  ['src/aws/probe.ts', "import { renderJson } from '../report/json';\nexport const x = renderJson;\n", true],
  ['src/local/probe.ts', "import { CHECKS } from '../checks';\nexport const x = CHECKS;\n", true],
  ['src/offline/probe.ts', "import { createLiveTransport } from '../aws/live';\nexport const x = createLiveTransport;\n", true],
  ['src/run/probe.ts', "import { main } from '../cli';\nexport const x = main;\n", true],
  ['src/offline/probe-run.ts', "import { plan } from '../run/plan';\nexport const x = plan;\n", true],
  ['src/offline/probe-run-index.ts', "import { checkTargets } from '../run';\nexport const x = checkTargets;\n", true],
  // What the parts may import.
  ['src/checks/probe-ok.ts', "import { pass } from './support/check';\nimport { parseArn } from '../arn';\nexport const x = [pass, parseArn];\n", false],
  ['src/report/probe-ok.ts', "import { STATUSES } from '../model';\nimport { renderJson } from './json';\nexport const x = [STATUSES, renderJson];\n", false],
  ['src/offline/probe-ok.ts', "import { CHECKS } from '../checks';\nimport { runChecks } from '../run/evaluate';\nexport const x = [CHECKS, runChecks];\n", false],
  ['src/docs/probe-ok.ts', "import { OPERATION_NAMES } from '../aws/operations';\nimport { CHECKS } from '../checks';\nexport const x = [OPERATION_NAMES, CHECKS];\n", false],
];

it('the lint refuses every import that crosses a layer, and allows the ones ARCHITECTURE.md allows', () => {
  const out = execFileSync(process.execPath, [join(root, 'test', 'support', 'layer-probe.mjs'), JSON.stringify(PROBES.map(([f, c]) => [f, c]))], { cwd: root, encoding: 'utf8', timeout: 120_000 });
  const refused = JSON.parse(out) as Record<string, boolean>;
  expect(refused).toEqual(Object.fromEntries(PROBES.map(([file, , expected]) => [file, expected])));
}, 120_000);
