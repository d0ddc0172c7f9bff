// Lints a few crossings between the parts of ARCHITECTURE.md with the project's ESLint config,
// as the files they would be, and prints what no-restricted-imports says of each (JSON).
import { ESLint } from 'eslint';

const probes = JSON.parse(process.argv[2]);
const eslint = new ESLint({ cwd: process.cwd() });
const out = {};
for (const [filePath, code] of probes) {
  const [result] = await eslint.lintText(code, { filePath });
  out[filePath] = result.messages.filter((m) => m.ruleId === 'no-restricted-imports').length > 0;
}
process.stdout.write(JSON.stringify(out));
