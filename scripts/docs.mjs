// Regenerates docs/checks.md, the README's check list and the README's IAM policy for the
// checker from the built library (npm run docs builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CHECKS, renderCatalogue, withCheckList, checkerPolicy } = require('../dist/index.js');
writeFileSync(new URL('../docs/checks.md', import.meta.url), renderCatalogue(CHECKS));
const readme = new URL('../README.md', import.meta.url);
const withPolicy = (text) => text.replace(/(<!-- checker-policy[^>]*-->\n```json\n)[\s\S]*?(\n```)/, (_m, start, end) => `${start}${checkerPolicy()}${end}`);
writeFileSync(readme, withPolicy(withCheckList(readFileSync(readme, 'utf8'), CHECKS)));
