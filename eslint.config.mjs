import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

/** Import patterns (gitignore style, matched against the specifier) for each part of the code. */
const PARTS = {
  aws: ['**/aws', '**/aws/**'],
  checks: ['**/checks', '**/checks/**'],
  report: ['**/report', '**/report/**'],
  local: ['**/local', '**/local/**'],
  offline: ['**/offline', '**/offline/**'],
  docs: ['**/docs', '**/docs/**'],
  run: ['**/run', '**/run/**'],
  cli: ['**/cli', '**/bin', '**/index'],
};
const SDK = ['@aws-sdk/*', '@smithy/*'];
const IO = ['node:child_process', 'node:fs', 'node:net', 'node:tls', 'node:dns', 'node:process'];
const MODEL_FILES = ['arn', 'collections', 'errors', 'exit-codes', 'facts', 'model', 'policy', 'redact', 'shell', 'suppress', 'versions'].map((f) => `src/${f}.ts`);

function forbid(files, parts, extra = [], why, regex) {
  const patterns = [...parts.flatMap((p) => PARTS[p]), ...extra];
  const groups = [{ group: patterns, message: why }, ...(regex ? [{ regex, message: why }] : [])];
  return { files, rules: { 'no-restricted-imports': ['error', { patterns: groups }] } };
}

function layers() {
  const pure = { rules: { 'no-restricted-globals': ['error', 'process', 'console'] } };
  return [
    forbid(MODEL_FILES, ['aws', 'checks', 'report', 'local', 'offline', 'docs', 'run', 'cli'], SDK, 'the model imports nothing of the other parts, nor the SDK: its types are its own (ARCHITECTURE.md)'),
    forbid(['src/checks/**/*.ts'], ['aws', 'report', 'local', 'offline', 'docs', 'run', 'cli'], [...SDK, ...IO], 'a check is a pure function of the facts: model and checks only (ARCHITECTURE.md)'),
    { files: ['src/checks/**/*.ts'], ...pure },
    forbid(['src/report/**/*.ts'], ['aws', 'checks', 'local', 'offline', 'docs', 'run', 'cli'], [...SDK, ...IO], 'a renderer is a pure function of the report: model and report only (ARCHITECTURE.md)'),
    { files: ['src/report/**/*.ts'], ...pure },
    forbid(['src/aws/**/*.ts'], ['checks', 'report', 'local', 'offline', 'docs', 'run', 'cli'], [], 'src/aws/ talks to AWS and knows the model only (ARCHITECTURE.md)'),
    forbid(['src/local/**/*.ts'], ['aws', 'checks', 'report', 'offline', 'docs', 'run', 'cli'], SDK, 'src/local/ reads this machine and knows the model only (ARCHITECTURE.md)'),
    // lint's readers run the checks through the run's evaluate stage, and know nothing else of the run.
    forbid(['src/offline/**/*.ts'], ['aws', 'report', 'docs', 'cli'], SDK, 'lint reads files and runs the checks: no AWS, no renderer, of the run only its evaluate stage (ARCHITECTURE.md)', '(^|/)run(/(?!evaluate$)[^/]*)?$'),
    forbid(['src/run/**/*.ts'], ['docs', 'cli'], [], 'the run does not know the command line or the docs (ARCHITECTURE.md)'),
    forbid(['src/docs/**/*.ts'], ['cli', 'run'], [], 'the docs are generated from metadata, not from a run (ARCHITECTURE.md)'),
  ];
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // The layers of ARCHITECTURE.md: what each part may import. A new crossing fails the lint.
  ...layers(),
  {
    // Every regular expression here may meet crafted input (a lint file, a snapshot, AWS's text):
    // none may backtrack or scan more than linearly.
    files: ['src/**/*.ts'],
    plugins: { regexp },
    rules: {
      'regexp/no-super-linear-backtracking': 'error',
      'regexp/no-super-linear-move': 'error',
      'regexp/no-misleading-capturing-group': 'error',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    languageOptions: { globals: { require: 'readonly', module: 'writable', process: 'readonly', console: 'readonly', __dirname: 'readonly', URL: 'readonly' } },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
