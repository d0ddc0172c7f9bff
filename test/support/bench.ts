// The benchmark (npm run bench): start-up and one-task wall time of the built CLI against the
// local AWS endpoint, with injected latency per call, as ratios to `node -e 0` measured in the
// same run. Writes docs/performance.md.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { startAwsEndpoint } from './aws-endpoint';
import { endpointEnv, fakeClientBin } from './cli';
import { healthyFargate } from './scenarios';
import { worldTransport } from './world';

const root = join(__dirname, '..', '..');
const CLI = join(root, 'dist', 'cli.mjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function timed(args: string[], env: Record<string, string>): Promise<number> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { env }, (error) => {
      // Exit codes 1 and 3 are verdicts, not failures of the benchmark.
      if (error && typeof error.code !== 'number') return reject(error);
      resolve(Number(process.hrtime.bigint() - start) / 1e6);
    }),
  );
}

async function median(label: string, run: () => Promise<number>): Promise<{ label: string; ms: number }> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) times.push(await run());
  times.sort((a, b) => a - b);
  return { label, ms: times[Math.floor(times.length / 2)]! };
}

async function main() {
  const world = healthyFargate();
  const args = [CLI, world.target.cluster, world.target.task, '--output', 'json'];
  const rows = [
    await median('node -e 0', () => timed(['-e', '0'], { PATH: fakeClientBin() })),
    await median('ecs-exec-checker --help', () => timed([CLI, '--help'], { PATH: fakeClientBin() })),
    await median('replay of a one-task snapshot', () => timed([CLI, '--replay', join(root, 'fixtures', 'demo.json')], { PATH: fakeClientBin() })),
  ];
  const calls: Record<number, number> = {};
  for (const latencyMs of [0, 50]) {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), latencyMs });
    rows.push(await median(`one task, live, ${latencyMs} ms per AWS call`, () => timed(args, endpointEnv(endpoint.url))));
    calls[latencyMs] = endpoint.calls.length / RUNS;
    await endpoint.close();
  }
  const base = rows[0]!.ms;
  const table = [
    '| what | median wall time | ratio to `node -e 0` |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.label} | ${r.ms.toFixed(0)} ms | ${(r.ms / base).toFixed(2)}x |`),
  ].join('\n');
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const text = `# Performance

<!-- Written by \`npm run bench\`; numbers from one machine, on the date shown. -->

Measured on ${new Date().toISOString().slice(0, 10)}, ${machine}; median of ${RUNS} runs each.
The one-task runs go to the local AWS endpoint of the tests (real wire protocols) with the given
latency injected into every call; a one-task check makes ${calls[0]} AWS calls.

${table}

## Cost model, one task

- Start-up: the CLI is an ES module bundle split into chunks (esbuild, from the SDK's ES module
  builds). \`--help\` and replays load no AWS client; a live run loads each client (ECS, EC2, IAM,
  KMS, STS, CloudWatch Logs, S3) when a check first needs it.
- Each fact is gathered once (memoised promises: concurrent checks share one request), and
  independent calls run concurrently. The critical path is about four dependent round trips:
  the cluster, task and caller together; then the task definition, container instance and
  service; then the subnet, route table, security groups and IAM simulations; then the endpoints.

## Not measured yet

Whole services and clusters (\`--service\`, \`--cluster --all\`, 1, 100 and 1,000 tasks) are not
built yet; their cost model and benchmark come with them.
`;
  writeFileSync(join(root, 'docs', 'performance.md'), text);
  process.stdout.write(`${table}\n\nwritten to docs/performance.md\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
