// The SDK's notice that it will need Node 22 is noise in test logs (the CLI silences it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/**
 * The tiers. `e2e` runs the built CLI (dist/cli.cjs) as a child process or installs the package:
 * its project alone builds the bundle first, and only when one of its files is selected, so
 * `npx jest test/checks/task-status.test.ts` builds nothing. `integration` talks to the local AWS
 * endpoint (real wire protocols on 127.0.0.1) in-process, and times crafted inputs against plain
 * ones. `unit` is everything else: checks over stub facts or scenario worlds, renderers, readers,
 * the run's stages. `npm test` runs all three (`npx jest --selectProjects unit` one).
 */
const E2E_FILES = [
  'cli.*.test.ts',
  'package.test.ts',
  'fleet.test.ts',
  'record-replay.test.ts',
  'suppress.test.ts',
  'local/files.test.ts',
  'offline/lint.test.ts',
];
const INTEGRATION_FILES = ['wire.test.ts', 'over-the-wire.test.ts', 'fault-matrix.test.ts', 'hostile-input.test.ts'];
const globs = (files) => files.map((f) => `<rootDir>/test/${f}`);
/** A file name with * as a path pattern for testPathIgnorePatterns. */
const pattern = (file) => `/test/${file.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}$`;

const common = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
};

/** @type {import('jest').Config} */
module.exports = {
  // Two workers on two cores: the suites wait on child processes and sockets as much as on the CPU.
  maxWorkers: 2,
  // CI machines are busy: a test that spawns the CLI or a server may wait for the CPU. Tests assert
  // counts and order, never times, so a generous limit only keeps a hung test from hanging the run.
  testTimeout: 30_000,
  // The fault matrix and the recordings over the wire are concurrent tests that mostly wait (on
  // the SDK's backoff between retries, on sockets): more of them at once cost little CPU.
  maxConcurrency: 10,
  // Each run's scratch files in one directory, removed at its end (test/support/scratch.js).
  globalSetup: '<rootDir>/test/support/scratch-setup.js',
  globalTeardown: '<rootDir>/test/support/scratch-teardown.js',
  projects: [
    {
      ...common,
      displayName: 'unit',
      testMatch: ['<rootDir>/test/**/*.test.ts'],
      testPathIgnorePatterns: ['/node_modules/', ...[...E2E_FILES, ...INTEGRATION_FILES].map(pattern)],
    },
    { ...common, displayName: 'integration', testMatch: globs(INTEGRATION_FILES) },
    { ...common, displayName: 'e2e', testMatch: globs(E2E_FILES), globalSetup: '<rootDir>/test/support/global-setup.js' },
  ],
};
