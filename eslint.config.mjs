import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import regexp from 'eslint-plugin-regexp';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['src/checks/**/*.ts', 'src/report/**/*.ts'],
    rules: {
      // Checks and renderers are pure: facts in, results or strings out.
      'no-restricted-imports': ['error', { patterns: ['@aws-sdk/*', '**/aws/live', '**/aws/facts', '**/aws/snapshot', 'node:child_process', 'node:fs', 'node:process'] }],
      'no-restricted-globals': ['error', 'process', 'console'],
    },
  },
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
