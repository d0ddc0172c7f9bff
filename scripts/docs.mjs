// Regenerates docs/checks.md from the built library (run `npm run build` first).
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { CHECKS, renderCatalogue } = require('../dist/index.js');
writeFileSync(new URL('../docs/checks.md', import.meta.url), renderCatalogue(CHECKS));
