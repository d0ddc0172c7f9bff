// Regenerates docs/checks.md, the README's check list, the README's IAM policy for the checker
// and the fields a snapshot keeps (README and docs/snapshot.md), from the built library (npm run docs builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CHECKS, renderCatalogue, withCheckList, checkerPolicy, withKeptFields } = require('../dist/index.js');
writeFileSync(new URL('../docs/checks.md', import.meta.url), renderCatalogue(CHECKS));
const readme = new URL('../README.md', import.meta.url);
const withPolicy = (text) => text.replace(/(<!-- checker-policy[^>]*-->\n```json\n)[\s\S]*?(\n```)/, (_m, start, end) => `${start}${checkerPolicy()}${end}`);
writeFileSync(readme, withKeptFields(withPolicy(withCheckList(readFileSync(readme, 'utf8'), CHECKS))));
const snapshotDoc = new URL('../docs/snapshot.md', import.meta.url);
writeFileSync(snapshotDoc, withKeptFields(readFileSync(snapshotDoc, 'utf8')));
