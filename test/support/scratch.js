// Every file a test writes goes under one directory of this run (TMPDIR, which os.tmpdir() and
// the CLIs the tests spawn read), removed when the run ends: a run leaves nothing in /tmp.
const { mkdtempSync, rmSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const KEY = 'ECS_EXEC_CHECKER_TEST_SCRATCH';

module.exports.setup = async function setup() {
  process.env[KEY] = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-tests-'));
  process.env.TMPDIR = process.env[KEY];
};

module.exports.teardown = async function teardown() {
  if (process.env[KEY]) rmSync(process.env[KEY], { recursive: true, force: true });
};
