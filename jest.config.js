// The SDK's notice that it will need Node 22 is noise in test logs (the CLI silences it too).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  globalSetup: '<rootDir>/test/support/global-setup.js',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
  // CI machines are busy: a test that spawns the CLI or a server may wait for the CPU. Tests assert
  // counts and order, never times, so a generous limit only keeps a hung test from hanging the run.
  testTimeout: 30_000,
};
