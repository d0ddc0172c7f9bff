// The benchmark (npm run bench): start-up and one-task wall time of the built CLI against the
// local AWS endpoint, with injected latency per call, as ratios to `node -e 0` measured in the
// same run; then whole generated clusters of 1, 100, 1,000 and 10,000 tasks: wall time, peak
// memory and AWS calls by operation; then the test suite once, as CI runs it (BENCH_SUITE=0 leaves
// it out). Writes docs/performance.md.
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { connect as netConnect, createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { createServer as createTlsServer } from 'node:tls';
import { pathToFileURL } from 'node:url';
import type { Report } from '../../src/model';
import { startAwsEndpoint } from './aws-endpoint';
import { endpointEnv, fakeClientBin } from './cli';
import { fleetWorld } from './fleet';
import { TASK_WINDOW } from '../../src/run/evaluate';
import { healthyFargate } from './scenarios';
import { worldTransport } from './world';

const root = join(__dirname, '..', '..');
const CLI = join(root, 'dist', 'cli.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 11);
const FLEET_RUNS = Number(process.env.BENCH_FLEET_RUNS ?? 3);
const LATENCY_MS = Number(process.env.BENCH_LATENCY_MS ?? 50);
const SIZES = (process.env.BENCH_SIZES ?? '1,100,1000,10000').split(',').map(Number);
/** How long `aws --version` of AWS CLI v1 (Python) took on this machine: the stand-in takes as long. */
const AWS_CLI_SECONDS = Number(process.env.BENCH_AWS_CLI_SECONDS ?? 0.7);
const VARIANT_SCHEMAS = join(root, 'dist', 'bench', 'schemas-as-shipped', 'cli.cjs');
const VARIANT_ESM = join(root, 'dist', 'bench', 'es-modules', 'cli.mjs');
/** The floor (test/support/bench-floor.ts): a recorded run's AWS calls and the probe, nothing of the checker. */
const FLOOR = join(root, 'dist', 'bench', 'floor', 'cli.cjs');
const FLOOR_LABEL = "floor: the run's AWS calls, all at once, and its probe, nothing else, 0 ms";

/** Preloaded into the CLI: writes its peak resident memory (KiB) where the benchmark reads it. */
const work = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-'));
const RSS_HOOK = join(work, 'rss-hook.mjs');
writeFileSync(
  RSS_HOOK,
  "import { writeFileSync } from 'node:fs';\nprocess.on('exit', () => writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n",
);

interface Timed {
  ms: number;
  stdout: string;
  stderr: string;
}

function timedRun(args: string[], env: Record<string, string>): Promise<Timed> {
  const start = process.hrtime.bigint();
  return new Promise((resolve, reject) =>
    execFile(process.execPath, args, { env, maxBuffer: 1 << 30 }, (error, stdout, stderr) => {
      // Exit codes 1 and 3 are verdicts, not failures of the benchmark.
      if (error && typeof error.code !== 'number') return reject(error);
      resolve({ ms: Number(process.hrtime.bigint() - start) / 1e6, stdout, stderr });
    }),
  );
}

const timed = async (args: string[], env: Record<string, string>) => (await timedRun(args, env)).ms;

/** A PATH whose `aws` takes as long as the Python AWS CLI to print its version, as on most machines. */
function slowAwsCliBin(): string {
  const bin = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-slow-cli-'));
  writeFileSync(join(bin, 'aws'), `#!/bin/sh\nsleep ${AWS_CLI_SECONDS}\necho "aws-cli/1.36.0 Python/3.11.8 Linux/6.1.0 botocore/1.35.0"\n`);
  writeFileSync(join(bin, 'session-manager-plugin'), '#!/bin/sh\necho 1.2.694.0\n');
  chmodSync(join(bin, 'aws'), 0o755);
  chmodSync(join(bin, 'session-manager-plugin'), 0o755);
  return bin;
}

/**
 * Where a user's probe goes: ssmmessages over TLS, verified with the system's CA bundle (the
 * plugin's trust), as the benchmark's plain HTTP endpoint would not. A server on localhost with a
 * certificate made here, issued in Amazon's name so that it takes the path AWS's own chain takes
 * (AWS's roots of the bundle first); the bundle is this machine's, with that certificate added.
 * Its certificate and key files serve the per-service origins too (networkedOrigins).
 */
async function tlsProbeTarget(): Promise<{ env: Record<string, string>; cert: string; key: string; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-tls-'));
  const [cert, key] = [join(dir, 'cert.pem'), join(dir, 'key.pem')];
  execFileSync('openssl', [
    'req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/O=Amazon/CN=localhost',
    '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', '-keyout', key, '-out', cert,
  ], { stdio: 'ignore' });
  const system = ['/etc/ssl/certs/ca-certificates.crt', '/etc/pki/tls/certs/ca-bundle.crt', '/etc/ssl/cert.pem'].map((f) => {
    try {
      return readFileSync(f, 'utf8');
    } catch {
      return '';
    }
  });
  const bundle = join(dir, 'bundle.pem');
  writeFileSync(bundle, `${system.find(Boolean) ?? ''}\n${readFileSync(cert, 'utf8')}`);
  const server = createTlsServer({ cert: readFileSync(cert), key: readFileSync(key) }, (socket) => socket.end());
  // Every address family localhost may resolve to.
  await new Promise<void>((resolve) => server.listen(0, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    env: { AWS_ENDPOINT_URL_SSMMESSAGES: `https://localhost:${port}`, SSL_CERT_FILE: bundle },
    cert,
    key,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The services a one-task run calls, each at its own origin as on AWS. */
const ORIGIN_SERVICES = ['ECS', 'STS', 'EC2', 'IAM'];

/**
 * AWS as a user's network shows it: each service at its own HTTPS origin (its own connections,
 * TCP and TLS for each), reached with `rttMs` round trips. For each service a TLS server in front
 * of the local endpoint, and before it a TCP relay that holds every piece of data for half a round
 * trip each way, and a new connection's first bytes for a whole one (TCP's handshake). The CLI
 * trusts the certificate through NODE_EXTRA_CA_CERTS, as a user does a company's CA.
 */
async function networkedOrigins(upstream: string, tls: { cert: string; key: string }, rttMs: number): Promise<{ env: Record<string, string>; close: () => Promise<void> }> {
  const upstreamPort = Number(new URL(upstream).port);
  const servers: { close: (callback: () => void) => void }[] = [];
  const sockets: Socket[] = [];
  const relay = (from: Socket, to: Socket) => {
    from.on('data', (data: Buffer) => setTimeout(() => to.write(data), rttMs / 2));
    from.on('end', () => setTimeout(() => to.end(), rttMs / 2));
    from.on('error', () => to.destroy());
  };
  const env: Record<string, string> = { NODE_EXTRA_CA_CERTS: tls.cert };
  for (const service of ORIGIN_SERVICES) {
    const terminator = createTlsServer({ cert: readFileSync(tls.cert), key: readFileSync(tls.key) }, (secure) => {
      const plain = netConnect(upstreamPort, '127.0.0.1');
      sockets.push(secure, plain);
      secure.pipe(plain).pipe(secure);
      plain.on('error', () => secure.destroy());
      secure.on('error', () => plain.destroy());
    });
    await new Promise<void>((resolve) => terminator.listen(0, '127.0.0.1', resolve));
    const inner = (terminator.address() as AddressInfo).port;
    const front = createNetServer((client) => {
      sockets.push(client);
      client.pause();
      client.on('error', () => undefined);
      setTimeout(() => {
        const server = netConnect(inner, '127.0.0.1');
        sockets.push(server);
        relay(client, server);
        relay(server, client);
        client.resume();
      }, rttMs);
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    servers.push(terminator, front);
    env[`AWS_ENDPOINT_URL_${service}`] = `https://localhost:${(front.address() as AddressInfo).port}`;
  }
  return {
    env,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** The npm package as a user gets it: the packed tarball's size, and the time of a clean install of it. */
async function packageCost(): Promise<{ tarballKiB: number; unpackedKiB: number; installMs: number; packages: number }> {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-pack-'));
  const npm = (args: string[], cwd: string) => execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const [packed] = JSON.parse(npm(['pack', '--json', '--ignore-scripts', '--pack-destination', dir], root)) as { filename: string; size: number; unpackedSize: number }[];
  npm(['init', '-y'], dir);
  const started = process.hrtime.bigint();
  npm(['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', join(dir, packed!.filename)], dir);
  const installMs = Number(process.hrtime.bigint() - started) / 1e6;
  const packages = readdirSync(join(dir, 'node_modules')).filter((f) => !f.startsWith('.')).length;
  return { tarballKiB: packed!.size / 1024, unpackedKiB: packed!.unpackedSize / 1024, installMs, packages };
}

/** The environment of one user's runs: the first fills the caches (client versions, compiled code), the next read them. */
async function warmed(env: Record<string, string>, args: string[]): Promise<Record<string, string>> {
  const home = { ...env, HOME: mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-home-')) };
  await timed(args, home);
  return home;
}

/**
 * The floor's run: the one-task run recorded once (--record), then its calls made again by the
 * floor's build. It must make as many as the run made, and each must be answered.
 */
async function floorOf(args: string[], env: Record<string, string>, runCalls: number): Promise<() => Promise<number>> {
  const snapshot = join(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-bench-floor-')), 'one-task.json');
  await timedRun([...args, '--record', snapshot], env);
  const floor = [FLOOR, snapshot];
  const floorEnv = await warmed(env, floor);
  const made = JSON.parse((await timedRun(floor, floorEnv)).stdout) as { calls: number; answered: number; probe: string };
  if (made.calls !== runCalls || made.answered !== runCalls || made.probe !== 'connected') {
    throw new Error(`the floor made ${made.calls} calls (${made.answered} answered, probe ${made.probe}); the run made ${runCalls}`);
  }
  return () => timed(floor, floorEnv);
}

/**
 * Medians of runs taken in turns (A, B, C, A, B, C, ...): this machine's speed drifts over
 * minutes, so rows measured one after the other would compare different machines.
 */
async function interleaved(entries: { label: string; run: () => Promise<number> }[]): Promise<Row[]> {
  const times = entries.map(() => [] as number[]);
  const group = ++groups;
  for (let i = 0; i < RUNS; i++) for (const [n, entry] of entries.entries()) times[n]!.push(await entry.run());
  return entries.map((entry, n) => ({ label: entry.label, ms: median(times[n]!), times: times[n]!, group }));
}
let groups = 0;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** A row of the one-task table: the median, every run, and which runs it was taken in turns with. */
interface Row {
  label: string;
  ms: number;
  times: number[];
  group: number;
}

/**
 * The ratio of two rows: where they were taken in the same turns, the median of each turn's ratio
 * (runs seconds apart, whatever this machine's speed did between turns); else of their medians.
 */
function ratioOf(row: Row, to: Row): number {
  if (row.group !== to.group) return row.ms / to.ms;
  return median(row.times.map((ms, turn) => ms / to.times[turn]!));
}

const ratioToNode = (row: Row, rows: Row[]) => ratioOf(row, rows.find((r) => r.label === 'node -e 0')!);

async function main() {
  const world = healthyFargate();
  const args = [CLI, world.target.cluster, world.target.task, '--output', 'json'];
  const plain = { PATH: fakeClientBin() };
  const replay = [CLI, '--replay', join(root, 'fixtures', 'demo.json')];
  const calls: Record<number, number> = {};
  const rows: Row[] = [];
  const probe = await tlsProbeTarget();
  for (const latencyMs of [0, 50]) {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world), latencyMs });
    const user = (extra: Record<string, string> = {}) => endpointEnv(endpoint.url, { ...probe.env, ...extra });
    const warm = await warmed(user(), args);
    const before = endpoint.calls.length;
    await timed(args, warm);
    calls[latencyMs] = endpoint.calls.length - before;
    const live = [
      { label: `one task, live, ${latencyMs} ms per AWS call`, run: () => timed(args, warm) },
      // A new HOME each run: the versions are asked and the code compiled from source, as on a first run.
      { label: `one task, live, ${latencyMs} ms per AWS call, first run (nothing cached)`, run: () => timed(args, user()) },
    ];
    if (latencyMs === 0) {
      const replayEnv = await warmed(plain, replay);
      const variants = [];
      for (const [label, cli] of [
        ['variant: ES module chunks, no code cache, one task, 0 ms', VARIANT_ESM],
        ['variant: SDK schemas as shipped, one task, 0 ms', VARIANT_SCHEMAS],
      ] as const) {
        const variant = [cli, ...args.slice(1)];
        const env = await warmed(user(), variant);
        variants.push({ label, run: () => timed(variant, env) });
      }
      // The same run with the command line read by yargs: one option more that the quick reading
      // (src/cli.ts quickArgs) leaves to it, with the value it has anyway.
      const viaYargs = [...args, '--fail-on', 'fail'];
      const yargsEnv = await warmed(user(), viaYargs);
      variants.push({ label: 'variant: command line read by yargs, one task, 0 ms', run: () => timed(viaYargs, yargsEnv) });
      variants.push({ label: FLOOR_LABEL, run: await floorOf(args, warm, calls[0]!) });
      rows.push(
        ...(await interleaved([
          { label: 'node -e 0', run: () => timed(['-e', '0'], plain) },
          { label: 'ecs-exec-checker --help', run: () => timed([CLI, '--help'], plain) },
          { label: 'replay of a one-task snapshot', run: () => timed(replay, replayEnv) },
          ...live,
          ...variants,
        ])),
      );
    } else {
      // What a user sees: an AWS CLI on PATH that takes its time, first with nothing cached, then cached.
      const slow = slowAwsCliBin();
      const slowWarm = await warmed(user({ PATH: slow }), args);
      rows.push(
        ...(await interleaved([
          ...live,
          { label: `one task, live, 50 ms per AWS call, AWS CLI taking ${AWS_CLI_SECONDS} s, nothing cached`, run: () => timed([...args, '--no-cache'], user({ PATH: slow })) },
          { label: `one task, live, 50 ms per AWS call, AWS CLI taking ${AWS_CLI_SECONDS} s, caches warm`, run: () => timed(args, slowWarm) },
        ])),
      );
    }
    await endpoint.close();
  }
  // A user's network: every service at its own HTTPS origin, 50 ms a round trip (a call is one,
  // a new connection two more), the AWS endpoint itself answering at once.
  {
    const endpoint = await startAwsEndpoint({ backend: worldTransport(world) });
    const origins = await networkedOrigins(endpoint.url, probe, LATENCY_MS);
    const user = (extra: Record<string, string> = {}) => endpointEnv(endpoint.url, { ...probe.env, ...origins.env, ...extra });
    const warm = await warmed(user(), args);
    rows.push(
      ...(await interleaved([
        { label: `one task, HTTPS origin per service, ${LATENCY_MS} ms round trips`, run: () => timed(args, warm) },
        { label: `one task, HTTPS origin per service, ${LATENCY_MS} ms round trips, first run (nothing cached)`, run: () => timed(args, user()) },
      ])),
    );
    await origins.close();
    await endpoint.close();
  }
  await probe.close();
  const pack = await packageCost();
  const suite = process.env.BENCH_SUITE === '0' ? undefined : testSuiteTime();
  const fleet = [];
  // Every size as many runs, 10,000 tasks too: its goal (20 s) lies within one run's noise here.
  for (const size of SIZES) fleet.push(await fleetRun(size));
  // Runtime flags tried for the memory of 1,000 tasks (one run each, beside this run's own).
  const flagVariants = [];
  if (SIZES.includes(1000)) {
    for (const flags of ['--max-old-space-size=64', '--max-old-space-size=96', '--optimize-for-size', '--max-semi-space-size=1']) {
      // A run that dies (a heap cap below what it needs) is a finding too: its first words say how.
      flagVariants.push({ flags, row: await fleetRun(1000, flags, 1).catch((error: unknown) => String(error instanceof Error ? error.message : error)) });
    }
  }
  const table = [
    '| what | median wall time | ratio to `node -e 0` |',
    '| --- | --- | --- |',
    ...rows.map((r) => `| ${r.label} | ${r.ms.toFixed(0)} ms | ${ratioToNode(r, rows).toFixed(2)}x |`),
  ].join('\n');
  const machine = `${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const text = `# Performance

<!-- Written by \`npm run bench\`; numbers from one machine, on the date shown. -->

Measured on ${new Date().toISOString().slice(0, 10)}, ${machine}; median of ${RUNS} runs each, the runs
of each table taken in turns (this machine's speed drifts over minutes). A ratio of two rows taken
in the same turns is the median of their ratios turn by turn (runs seconds apart), else the ratio
of their medians.
The one-task runs go to the local AWS endpoint of the tests (real wire protocols) with the given
latency injected into every call; a one-task check makes ${calls[0]} AWS calls. Its probe of this
machine's way to ssmmessages completes TLS with a server on localhost, verified with this machine's
CA bundle (its certificate added, issued in Amazon's name: the path AWS's own chain takes), as a
user's does. Every run has its user's caches (the client programs' versions, the checker's
compiled code) from an earlier run, as all but a user's first run do, unless the row says "first
run" or "nothing cached" (\`--no-cache\`). Every environment is the benchmark's own: no
NODE_OPTIONS, no NODE_EXTRA_CA_CERTS (which alone adds about 40 ms to each start of Node here).

${table}

## Goals, from this run

${goals(rows, fleet, suite)}

The call count of 10,000 tasks is at the floor the APIs' documented limits allow, and stays
there on purpose: ListTasks (100 a page) and DescribeTasks (100 a call) take 100 calls each;
the tasks' network interfaces take 50 (EC2 filters take 200 values); the caller's
ecs:ExecuteCommand, simulated on each task's ARN, takes 50 (200 resources a call, the batch the
checker has always sent; IAM documents no limit, and no answer of a larger one was seen to trust);
the cluster, services, task definitions, subnets, groups, endpoints and the other simulations
take the rest. Under 300 would need batches past what AWS documents, or a simulation of one task
standing for others (a policy may name a task, or a tag only some tasks carry): a verdict guessed.

The "HTTPS origin per service" rows put each service the run calls (ECS, STS, EC2, IAM) at its
own HTTPS origin, as AWS does, reached through a relay that holds every piece of data for half
a round trip each way and a new connection's first bytes for a whole one: a call costs a round
trip, a new connection two more (TCP, then TLS 1.3). The other rows' single plain HTTP endpoint
with latency added per call has no connection costs at all, which a user's runs do have. These
runs trust the origins' certificate through NODE_EXTRA_CA_CERTS (Node reads it at every start).

${floorText(rows)}

The test suite runs as CI runs it on a fresh clone: \`npm test\`, with a Jest cache of its own
(the benchmark's TMPDIR is new), so every file is transformed again and no earlier durations
order the files between the two workers. On 2026-12-02 by hand, within the hour: Jest took 140 s
so and 122-123 s with the cache of an earlier run.

One task at 0 ms per call is CPU. From CPU profiles of a warm run (medians of 5, this machine):
V8 reading the cached code of the chunks about 45 ms, Node's own modules the SDK and the probe
need (crypto, tls, http and https, streams, zlib, dns) 40-50 ms, collections about 25 ms, reading
the chunks and the cache about 20 ms (on this virtual machine fresh memory is slow: a 1.8 MB
file read into a new buffer took 6-8 ms), then 12 calls (11 since 2026-12-02: the task role's simulations share one), each signed, sent and parsed, about 85
ms of the SDK's work (parsing the answers alone about 20 ms; a call of the warm SDK in a loop
still takes 3-5 ms of CPU, spread over its middleware, signing, Node's HTTP and parsing, no
part of it large). The command line's parser (yargs: its chunk, and Node's assert module it
alone needs, about 20 ms) loads only for command lines the quick reading leaves to it. A
replay of a task (the table's replay row) loads no AWS client and makes no call. The
ratio moves with the machine: over one afternoon here \`node -e 0\` took 63-145 ms while the
one-task run took 300-350 ms, so a slow moment flatters the ratio.

The probe's TLS, which a user's every run does: Node builds its bundled root store on a process's
first TLS context (about 24 ms of CPU here, whatever CA is given), and parses a given bundle on
every context (this machine's 144 certificates: 25 ms more). The probe verifies with the bundle's
AWS roots first (found in each certificate's DER, 1-2 ms) and with the whole bundle only when they
do not verify: 0.94x the one-task run (paired by hand, 21 runs: 362 -> 342 ms). Until 2026-12-02
the benchmark's probe went to a plain HTTP endpoint and measured no TLS at all (3.88x then); the
one-task rows above include it, as a user's runs do. Parsing Node's roots on a worker thread
started at the CLI's start (the roots are the process's, shared by its threads) took the probe's
TLS connect from 31-46 ms to 10 ms, but the run was no faster: 1.01-1.08x the wall time and 1.4x
the CPU (paired, 15 and 21 runs), the thread's own start competing with the main thread on two
cores; not taken. A context with no CA at all (\`ca: []\`) skips the roots, but a user's SDK
makes HTTPS calls with the default context and parses them anyway: the benchmark would gain what
a user does not.

## Variants tried

Ratios to this run's own build and defaults, measured in this run.

${variantsTable(rows, fleet, flagVariants)}

Tried by hand before (not measured by this run): a V8 startup snapshot and v8-compile-cache were
slower than a code cache (issue 15's notes). A single CommonJS file for the whole CLI (2.8 MB,
every client's code run at start) with a code cache: 0.87x the ES module chunks, its cache (2.9
MB) nearly as slow to read as the chunks were to compile. The chunks turned CommonJS without a
cache: about 0.9x; with one cache entry per chunk (this build): about 0.8x. A cache made right
after each chunk compiled (top-level code only) instead of at exit: 1.08x this build. Flags
for one task, paired runs: \`--min-semi-space-size=16\` and \`--single-threaded-gc\` within
noise; without the CLI's \`--heap-growing-percent=50\`, the same time.

Tried by hand for one task at 0 ms (paired runs, A B A B, medians of 21; the CPU time is the
child's user and system time, steadier than wall time here): ending the process once the report
is written, 0.97x (Node had waited ~18 ms at the end of its loop for a TurboFan job optimizing
code that would never run again, then tore down the heap); 16 times V8's interrupt budget for
runs of named tasks, 0.94-0.96x (4 times: 0.96x; \`--no-opt\`: 0.94x, not taken: a large replay
also runs on this path and should still be optimized); the chunks read as UTF-8 instead of
latin1, 0.995x; the SDK's check of each answer's body no longer naming the global
ReadableStream, which loaded Node's web streams, 0.97x; no process.stdin to ask whether it is
a terminal (6 ms where stdin is a file or /dev/null); semver's two functions instead of its
index (the checks' chunk 210 -> 159 KB); cache entries read when their chunk loads instead of
the whole file, 0.97x the CPU. Together: 0.88x the wall time and 0.83x the CPU of the build
before them. Tried and left: minified chunks (cache 1.67 instead of 1.84 MB), 1.00x;
\`--min-semi-space-size=8\` 1.13x and \`=16\` 1.07x slower (fresh memory costs more here than the
collections it saves). \`--no-sparkplug\` beside the interrupt budget: one task 0.96x, but lint of a
directory 1.02-1.05x and a replay of 1,000 tasks 1.03x, and the flags must be one set for every
run that uses the code cache (V8 refuses code cached under other flags: a run with other flags
rewrote the file), so not taken. Later, chunks loading each other by name without Node's search
for the file (src/local/code-cache.ts): Module._resolveFilename's ~9 ms of the CPU profile (a
stat, a real path and a package.json scope for each of ~40 chunks) -> ~2 ms; 0.94x the CPU and
0.98x the wall time in one paired set of 21, within this machine's noise for wall time.
On 2026-12-02: the commonest command lines read without yargs (src/cli.ts quickArgs), 0.95x the
wall time and 0.94x the CPU; regular expressions compiled straight to machine code for runs of
named tasks, replays and lints (\`--no-regexp-tier-up\`: Node's IPv6 pattern, which it runs on every
host name it connects to, was compiled twice, ~13 ms, now once, ~4 ms), 0.96x (and
\`--no-regexp-optimization\`, 0.96x too, not taken: the tier-up flag restores V8's behaviour of
before 2019), a lint of the fixtures 1.00x, a replay of 1,000 tasks 0.96x. Together 0.95x in
paired runs against the build before them (4.39x -> 4.17x \`node -e 0\` in that set). GC flags
set at start, \`--no-parallel-scavenge\` and \`--single-threaded-gc\`: 1.00x the wall time.
The EC2 and IAM clients made while the first round of calls waits (src/aws/live.ts warm), not
after its answers: at 50 ms a call 0.97-0.98x the wall time (paired, 21 runs twice; a first set
of 15 had said 0.93x in a slow hour), at 0 ms 1.00-1.02x (no wait to fill).
Connections opened ahead (src/aws/connections.ts): against per-service HTTPS origins with 50 ms
round trips (the table's "HTTPS origin per service" rows), the second round's EC2 and IAM calls
had each opened a connection (TCP and TLS, two round trips) and took 215-225 ms; with two
connections to each opened while the first round waits, 80 ms, and the third round's second
IAM simulation 170 -> 70 ms: one task 919 -> 669 ms (0.73x, paired, 11 runs, caches warm). One
connection each was not enough: two calls of a round go to EC2 at once, and the second opened
its own. Over the plain HTTP endpoint of the other rows nothing is opened (0.98-1.01x). The
first round's connections (ECS twice, STS) are opened as the transport is made, to the endpoint
the environment gives or the standard one (their clients, which hold the SDK's endpoint rules,
are not loaded yet), and the event loop is given one turn before the first client loads: a
connection advances only when the main thread gives way, and loading a client never does
(opened early without that turn, the first calls were no faster). First-round calls 269-301 ->
209-234 ms, one task 699 -> 652 and 774 -> 703 ms (0.91-0.93x, paired, 11 runs each).

Tried by hand for whole clusters (the generated cluster, 50 ms per call, peak RSS of \`-o json\`):
racing every check against one deadline promise kept a reaction, and the result it held, per
check until the deadline (10,000 tasks: 1,247 MB); one listener per run and a set instead, then
checking the tasks a window at a time and dropping each task's answers once it is checked:
windows of 1,000 tasks gave 208 MB at 1,000 tasks, 500 gave 178 MB, 200 gave 160 MB, at the
same time and the same calls (200 keeps every batch full: DescribeTasks 100, EC2 filters and
simulated resources 200). Checking the first windows while ListTasks still pages took 10,000
tasks from 29 s to 20 s (100 pages of ListTasks, one after the other, had come first). Two
windows at once instead of one: 10,000 tasks 26.5 s -> 19.5-20 s in runs side by side here (three
windows: 19.3 s), with the same calls and the same report; but at 1,000 tasks the second window's
answers raised the peak memory from ~137 to ~149 MiB (medians of 7 runs) for little time, so
only a run past five windows overlaps them. Heap growth of 30% instead of 50% for such runs:
1,000 tasks 130-135 MiB (tighter), 10,000 tasks 23-25 s against 23 s (within this machine's noise,
which moved the CPU time of one and the same 10,000-task run between 13 and 20 s over an hour).
Adding a listener per check to the run's AbortSignal instead was 2.4x slower at 1,000 tasks
(an EventTarget keeps its listeners in a list). With the live heap that small, V8's heap growth
(up to 4x the live size between collections) was most of the rest: the CLI sets
\`--heap-growing-percent=50\` at start (src/bin.ts). Measured by hand, one run each, \`-o json\`:
1,000 tasks 160-173 MB -> 140 MB (20%: 133-136 MB), 10,000 tasks 444-464 MB -> 329 MB (20%: 298-305
MB, but 23-24 s of CPU against 14-17 s: collections every few megabytes of a large heap; 100%:
376 MB). No ceiling: \`--max-old-space-size\` (below) caps the heap, and a larger cluster would
run out of memory. Later, from a CPU profile of 10,000 tasks (collections 4 s of ~13 s on the
main thread, which waited on the endpoint another ~7 s): the keys of ~50,000 simulation
requests written directly instead of through sorted copies, by concatenation and sorting only
keys out of order (a sampling allocation profile of 1,000 tasks: 510 -> 452 MB allocated in all;
1,000 tasks at 0 ms 0.95x the CPU, medians of 11 in turns), and the report's redaction copying
nothing until something changes (its walk 290 -> 165 ms). The local endpoint itself used 8.7 s
of CPU on the same two cores in that run.
On 2026-12-02: the table escaped every string of the report before laying out the few rows a
fleet's table lists (a copy of all 27,048 results of 1,000 tasks); it now escapes what it shows:
its render 293 -> 76 ms for the same text, 1,000 tasks 0.93x the wall time and 0.92x the CPU
(paired, 7 runs). V8's interrupt budget, 16 times the default since earlier for short runs, for
runs over a cluster too: 1,000 tasks 0.80-0.81x the CPU and 0.95x the wall time (table and
\`-o json\`, medians of 9 paired runs), 10,000 tasks 0.94-0.99x the CPU (wall time within noise,
8 pairs); no optimizing at all (\`--no-opt\`): 1,000 tasks 0.80x the CPU, but 10,000 tasks
1.1-1.4x the time. The young generation is 32 MiB of a 1,000-task run's ~130 MiB peak (two
16 MiB semi-spaces, at their maximum in every run sampled): \`--max-semi-space-size=8\` 124 MiB at
1.02x the CPU, \`=4\` 112 MiB at 1.07-1.10x, but V8 reads that flag only as the process starts
(set from the CLI, as its other flags are, it changed nothing), so it would have to be in the
command that starts Node; \`--semi-space-growth-factor=1\`, which V8 does read later, kept the young
generation at its first size: 105 MiB at 1.14x the time. Not taken.

## The package

\`npm pack\` of this build: ${pack.tarballKiB.toFixed(0)} KiB (${(pack.unpackedKiB / 1024).toFixed(1)} MiB unpacked, most of it the
HCL parser's WebAssembly and the fixtures); \`npm install --omit=dev\` of the tarball into an empty folder
took ${(pack.installMs / 1000).toFixed(1)} s and installed ${pack.packages} package${pack.packages === 1 ? '' : 's'}: the bundle needs no dependency.

## Whole clusters

\`ecs-exec-checker --cluster demo --all -o json\` against generated clusters: ${LATENCY_MS} ms injected into
every AWS call, 20 services, 10 task definitions, 3 task roles, 5 subnets, every task on Fargate
with its own network interface; median of ${FLEET_RUNS} runs of \`-o json\` (the calls are read from its
\`stats\`), the largest peak memory (RSS) of those, and the largest of as many runs with the table.
The local endpoint runs in the benchmark's process on the same cores, so serializing 1,000 tasks
there competes with the checker for the CPU (AWS's servers do not). Its lookups are indexed as
AWS's are since 2026-12-01: before, its DescribeTasks and DescribeNetworkInterfaces scanned every
task or interface for each ID asked, and at 10,000 tasks the endpoint used ~10 s of CPU a run
(read from /proc, one run) against ~3 s since; by hand in the same hour the run took 18.0-21.1 s
with the old endpoint and 16.2-16.8 s with the new, the checker's report the same. Earlier
10,000-task times here carry that cost.
The peaks of 1,000 tasks move between benchmark runs by up to ~15 MiB (each the largest of 3
runs): the table's 128-148 MiB in this file's history, \`-o json\` 128-136 MiB. By hand, with no
other work, one and the same build took 129-136 MiB for the table in 32 runs (median 130). On
2026-12-02 task-ssm-endpoint-policy and then task-logging-endpoint-policies each added one result
a task: by hand, paired with the build before each (7 and 9 runs, the benchmark's RSS hook),
+2.4 MiB at the median each. The benchmark run before the second (the table's copy of the report
already gone) took 136 MB for the table and 143 MB for \`-o json\`.

${fleetTable(fleet)}

Calls by operation:

${operationsTable(fleet)}

## Cost model

- Each distinct resource is described once per run, whatever the number of tasks that share it:
  the cluster, each task definition, container instance, service, subnet, security group, route
  table, VPC (its endpoints) and IAM role.
- Batches of the API maximum: ListTasks and ListServices 100 a page, DescribeTasks 100,
  DescribeServices 10, DescribeContainerInstances 100; EC2 reads (instances, network interfaces,
  subnets, security groups, route tables, endpoints) by filter, 200 values a call, in pages of
  1,000 (route tables 100): EC2 documents calls without MaxResults as unpaginated, and such a
  DescribeNetworkInterfaces failing in an account with many interfaces.
- A batch holds every key asked for while other calls were in flight: a loader sends when the
  run is quiet. Which keys share a call so depends only on the answers, never on timing, and a
  recorded run replays to the very same calls.
- SimulatePrincipalPolicy: one call per principal, context and action set, with up to 200
  resources (the sets of a few resources, at most 4 in all, in one call: IAM answers every
  action for every resource of a call); a context key that differs between tasks (ecs:task, a tag) is left out, and asked
  again only for the requests whose policies name it as missing (MissingContextValues).
- So N tasks cost O(distinct resources + N/100) calls: 1,000 tasks of the generated cluster take
  the calls above, fewer than 60. The tests (\`test/fleet.test.ts\`) assert these counts for 1,
  100 and 1,000 tasks.
- At most 8 requests are in flight (\`--concurrency\`); throttled calls are retried by the SDK's
  standard retry (3 attempts, exponential backoff with jitter).
- Tasks are checked ${TASK_WINDOW} at a time, while ListTasks is still paging; past five windows
  the next window starts while the one before still waits on AWS (two at once: one window's
  round trips overlap the other's checks); what a task alone needed (its description, its
  network interface) is dropped once it is checked: memory grows with the results, not with
  the answers. A window is a multiple of every batch, so the
  calls are those of one window for all tasks; which tasks share a window depends only on the
  order of the listing, so a replay asks the very calls the recording did.

## Cost model, one task

- Start-up: the CLI is split into chunks (esbuild, from the SDK's ES module builds, then turned
  CommonJS). \`--help\` and replays load no AWS client; a live run loads each client (ECS, EC2, IAM,
  KMS, STS, CloudWatch Logs, S3) when a check first needs it, except the EC2 and IAM clients that
  the selected checks' facts will call: those are made while the first round of calls waits on
  AWS. Each chunk compiles with the code V8 cached for it in an earlier run
  (src/local/code-cache.ts), kept in the user's cache directory beside the client programs'
  versions; \`--help\` and \`--version\` alone load no chunk. The common command lines are read
  without yargs (src/cli.ts quickArgs).
- Each fact is gathered once (memoised promises: concurrent checks share one request), and
  calls go out in waves: all that can be asked together leave together. One Fargate task takes
  four: the cluster, the task and the caller; then the task definition, service, network
  interface, subnet and the caller's simulations; then the VPC's endpoints and the task role's
  simulations; then the security groups.

`;
  writeFileSync(join(root, 'docs', 'performance.md'), text);
  process.stdout.write(`${table}\n\n${fleetTable(fleet)}\n\nwritten to docs/performance.md\n`);
}

interface FleetRow {
  tasks: number;
  ms: number;
  rssMiB: number;
  tableRssMiB: number;
  calls: Record<string, number>;
}

async function fleetRun(tasks: number, nodeOptions = '', runsOf = FLEET_RUNS): Promise<FleetRow> {
  const world = fleetWorld({ tasks });
  const endpoint = await startAwsEndpoint({ backend: worldTransport(world), latencyMs: LATENCY_MS });
  const rssFile = join(work, `rss-${tasks}`);
  const env = { ...endpointEnv(endpoint.url), BENCH_RSS_FILE: rssFile, NODE_OPTIONS: `--import=${pathToFileURL(RSS_HOOK).href}` };
  // V8 flags go on the command line: NODE_OPTIONS refuses some (--optimize-for-size).
  const node = nodeOptions.split(' ').filter(Boolean);
  const runs: { ms: number; calls: Record<string, number>; rss: number }[] = [];
  let tableRss = 0;
  try {
    for (let i = 0; i < runsOf; i++) {
      const run = await timedRun([...node, CLI, '--cluster', 'demo', '--all', '--output', 'json'], env);
      if (!run.stdout.trim()) throw new Error(/heap out of memory/.test(run.stderr) ? 'heap out of memory' : run.stderr.trim().split('\n').slice(-1)[0] || 'no report');
      const report = JSON.parse(run.stdout) as Report;
      if (report.tasks?.length !== tasks) throw new Error(`the run over ${tasks} tasks reported ${report.tasks?.length}`);
      runs.push({ ms: run.ms, calls: report.stats?.apiCalls ?? {}, rss: Number(readFileSync(rssFile, 'utf8')) });
    }
    // The same run, for people: the table instead of 15 MB of JSON; as many runs, the largest peak
    // kept (one run's peak moved by ~10 MiB between benchmarks).
    for (let i = 0; i < runsOf; i++) {
      await timedRun([...node, CLI, '--cluster', 'demo', '--all'], env);
      tableRss = Math.max(tableRss, Number(readFileSync(rssFile, 'utf8')));
    }
  } finally {
    await endpoint.close();
  }
  runs.sort((a, b) => a.ms - b.ms);
  const middle = runs[Math.floor(runs.length / 2)]!;
  return { tasks, ms: middle.ms, rssMiB: Math.max(...runs.map((r) => r.rss)) / 1024, tableRssMiB: tableRss / 1024, calls: middle.calls };
}

interface SuiteTime {
  /** npm test: lint, type check and every Jest project. */
  totalMs: number;
  /** Jest alone, as it reports its own time. */
  jestMs: number;
  tests: number;
}

/** The test suite, once, as CI runs it (npm test), on this machine as it is now. */
function testSuiteTime(): SuiteTime {
  const start = process.hrtime.bigint();
  const run = spawnSync('npm', ['test'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 1 << 28 });
  const totalMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) {
    // What failed, so that a failing run says why: Jest's failure headings and the last lines.
    const output = `${run.stdout}\n${run.stderr}`.split('\n');
    const failures = output.filter((line) => /●|FAIL |error/.test(line)).slice(0, 20);
    throw new Error(`npm test failed during the benchmark (exit ${run.status}):\n${[...failures, ...output.slice(-15)].join('\n')}`);
  }
  // Jest prints its summary on stderr.
  const summary = `${run.stdout}\n${run.stderr}`;
  const jest = /Time:\s+([\d.]+) s/.exec(summary);
  const tests = /Tests:\s+(\d+) passed/.exec(summary);
  return { totalMs, jestMs: jest ? Number(jest[1]) * 1000 : NaN, tests: tests ? Number(tests[1]) : NaN };
}

/** What the floor row says about the 3.5x goal, from this run's numbers. */
function floorText(rows: Row[]): string {
  const byLabel = (label: string) => rows.find((r) => r.label === label)!;
  const [run, floor] = [byLabel('one task, live, 0 ms per AWS call'), byLabel(FLOOR_LABEL)];
  const floorRatio = ratioToNode(floor, rows);
  const verdict =
    floorRatio > 3.5
      ? `The 3.5x goal is below the floor: not reachable by the checker, whatever its own work, while it
makes its calls with the AWS SDK v3 and probes ssmmessages over TLS, as a user's run does.`
      : `The 3.5x goal is above the floor: the checker's own work would have to fit in
${(3.5 - floorRatio).toFixed(2)}x \`node -e 0\`.`;
  return `The floor row is what the one-task run cannot go below with the AWS SDK: the checker's start
(its V8 flags and code cache) with everything after it replaced by the AWS calls the run made
(recorded once, then sent again all at once through the checker's own transport) and its probe
of ssmmessages (test/support/bench-floor.ts): no command line, facts, checks or report. It took
${floorRatio.toFixed(2)}x \`node -e 0\` (${floor.ms.toFixed(0)} ms) in this run; the one-task run took ${ratioOf(run, floor).toFixed(2)}x the floor.
${verdict}
By hand on 2026-12-02 (paired, 15 runs): the floor without its probe 0.88x the floor, without
its calls (the transport made, no client loaded) 0.54x: the SDK's clients and calls are most of it.`;
}

function goals(rows: Row[], fleet: FleetRow[], suite?: SuiteTime): string {
  const ms = (label: string) => rows.find((r) => r.label.startsWith(label))?.ms ?? NaN;
  const ratio = (label: string) => ratioToNode(rows.find((r) => r.label === label)!, rows);
  const of = (tasks: number) => fleet.find((f) => f.tasks === tasks);
  const mb = (mib: number) => (mib * 2 ** 20) / 1e6;
  const goal = (what: string, measured: string, met: boolean) => `| ${what} | ${measured} | ${met ? 'met' : '**not met**'} |`;
  const slowFirst = ms(`one task, live, 50 ms per AWS call, AWS CLI taking ${AWS_CLI_SECONDS} s, nothing cached`);
  const slowCached = ms(`one task, live, 50 ms per AWS call, AWS CLI taking ${AWS_CLI_SECONDS} s, caches warm`);
  const firstRun = ms(`one task, live, ${LATENCY_MS} ms per AWS call, first run`);
  const fleetGoals = (tasks: number, seconds: number, calls: number, megabytes: number) => {
    const row = of(tasks);
    if (!row) return [];
    const n = tasks.toLocaleString('en');
    return [
      goal(`${n} tasks under ${seconds} s`, `${(row.ms / 1000).toFixed(2)} s`, row.ms < seconds * 1000),
      goal(`${n} tasks at most ${calls} AWS calls`, String(total(row.calls)), total(row.calls) <= calls),
      goal(`${n} tasks at most ${megabytes} MB RSS, table`, `${mb(row.tableRssMiB).toFixed(0)} MB`, mb(row.tableRssMiB) <= megabytes),
      goal(`${n} tasks at most ${megabytes} MB RSS, \`-o json\``, `${mb(row.rssMiB).toFixed(0)} MB`, mb(row.rssMiB) <= megabytes),
    ];
  };
  return [
    '| goal | measured | |',
    '| --- | --- | --- |',
    goal(`one task, ${LATENCY_MS} ms per call, first run, under 1.0 s`, `${(firstRun / 1000).toFixed(2)} s`, firstRun < 1000),
    goal(`the same with an AWS CLI taking ${AWS_CLI_SECONDS} s, nothing cached, under 1.0 s`, `${(slowFirst / 1000).toFixed(2)} s`, slowFirst < 1000),
    goal(`the same, caches warm, under 1.0 s`, `${(slowCached / 1000).toFixed(2)} s`, slowCached < 1000),
    goal(
      `one task, HTTPS origin per service, ${LATENCY_MS} ms round trips, first run, under 1.0 s`,
      `${(ms(`one task, HTTPS origin per service, ${LATENCY_MS} ms round trips, first run`) / 1000).toFixed(2)} s`,
      ms(`one task, HTTPS origin per service, ${LATENCY_MS} ms round trips, first run`) < 1000,
    ),
    goal('`--help` at most 1.5x `node -e 0`', `${ratio('ecs-exec-checker --help').toFixed(2)}x`, ratio('ecs-exec-checker --help') <= 1.5),
    goal('one task, 0 ms per call, at most 3.5x `node -e 0`', `${ratio('one task, live, 0 ms per AWS call').toFixed(2)}x`, ratio('one task, live, 0 ms per AWS call') <= 3.5),
    `| its floor: the same AWS calls and probe without the checker (below) | ${ratio(FLOOR_LABEL).toFixed(2)}x | |`,
    ...fleetGoals(1000, 5, 60, 150),
    ...fleetGoals(10_000, 20, 300, 400),
    ...(suite
      ? [
          goal(`the test suite (${suite.tests.toLocaleString('en')} tests, Jest's own time) under 120 s`, `${(suite.jestMs / 1000).toFixed(0)} s`, suite.jestMs < 120_000),
          `| \`npm test\` as CI runs it (lint, type check, Jest) | ${(suite.totalMs / 1000).toFixed(0)} s | |`,
        ]
      : []),
  ].join('\n');
}

function variantsTable(rows: Row[], fleet: FleetRow[], flags: { flags: string; row: FleetRow | string }[]): string {
  const byLabel = (label: string) => rows.find((r) => r.label.startsWith(label))!;
  const toBuild = (label: string) => ratioOf(byLabel(label), byLabel('one task, live, 0 ms per AWS call')).toFixed(2);
  const base = fleet.find((f) => f.tasks === 1000);
  return [
    '| variant | what was measured | ratio to this build |',
    '| --- | --- | --- |',
    `| ES module chunks as esbuild writes them (the build before this one: Node compiles them from source at every start) | one task, 0 ms per call | ${toBuild('variant: ES module chunks')}x time |`,
    `| the SDK's schemas as shipped (no key rewrite at build: EC2 keeps all 3,404) | one task, 0 ms per call | ${toBuild('variant: SDK schemas as shipped')}x time |`,
    `| the command line read by yargs (the build before this one, for every command line) | one task, 0 ms per call | ${toBuild('variant: command line read by yargs')}x time |`,
    ...(base
      ? flags.map(
          ({ flags, row }) =>
            typeof row !== 'string'
              ? `| \`node ${flags}\` | 1,000 tasks, \`-o json\` | ${(row.ms / base.ms).toFixed(2)}x time, ${(row.rssMiB / base.rssMiB).toFixed(2)}x peak RSS (${row.rssMiB.toFixed(0)} MiB) |`
              : `| \`node ${flags}\` | 1,000 tasks, \`-o json\` | failed: ${/heap out of memory/.test(row) ? 'out of memory' : row.split('\n')[0]!.slice(0, 100).replace(/\|/g, '/')} |`,
        )
      : []),
  ].join('\n');
}

const total = (calls: Record<string, number>) => Object.values(calls).reduce((a, b) => a + b, 0);

function fleetTable(rows: FleetRow[]): string {
  return [
    '| tasks | median wall time | AWS calls | calls per task | peak RSS, `-o json` | peak RSS, table |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.tasks} | ${(r.ms / 1000).toFixed(2)} s | ${total(r.calls)} | ${(total(r.calls) / r.tasks).toFixed(3)} | ${r.rssMiB.toFixed(0)} MiB | ${r.tableRssMiB.toFixed(0)} MiB |`,
    ),
  ].join('\n');
}

function operationsTable(rows: FleetRow[]): string {
  const operations = [...new Set(rows.flatMap((r) => Object.keys(r.calls)))].sort();
  return [
    `| operation | ${rows.map((r) => `${r.tasks} task${r.tasks === 1 ? '' : 's'}`).join(' | ')} |`,
    `| --- | ${rows.map(() => '---:').join(' | ')} |`,
    ...operations.map((op) => `| ${op} | ${rows.map((r) => r.calls[op] ?? 0).join(' | ')} |`),
  ].join('\n');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
