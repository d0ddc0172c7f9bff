// Regenerates docs/checks.md and the README's check list from the built library (npm run docs builds first).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CHECKS, renderCatalogue, withCheckList } = require('../dist/index.js');
writeFileSync(new URL('../docs/checks.md', import.meta.url), renderCatalogue(CHECKS));
const readme = new URL('../README.md', import.meta.url);
writeFileSync(readme, withCheckList(readFileSync(readme, 'utf8'), CHECKS));
