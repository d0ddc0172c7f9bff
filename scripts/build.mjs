// Bundles with esbuild from the SDK's ES module builds, so unused commands are left out.
// The CLI is split into chunks: each AWS client loads only when a check first needs it, and
// --help or a replay never load one (start-up is most of a one-task run); the chunks are
// CommonJS, for V8's code cache (scripts/bundle-options.mjs).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { HCL2JSON_WASM, buildCli, common, sdkSchemaKeys, hcl2jsonWasm } from './bundle-options.mjs';

const require = createRequire(import.meta.url);

// Chunk names carry a hash: without this, chunks of earlier builds would pile up (and be packed).
// (dist/cli.mjs is the ES module entry of builds before the CommonJS chunks.)
rmSync('dist/chunks', { recursive: true, force: true });
rmSync('dist/cli.mjs', { force: true });

const results = await Promise.all([
  buildCli({ outdir: 'dist' }),
  build({
    ...common,
    entryPoints: { index: 'src/index.ts' },
    outdir: 'dist',
    format: 'cjs',
    metafile: true,
    plugins: [hcl2jsonWasm('cjs'), sdkSchemaKeys],
    // ES module builds bundled into CommonJS (fdir's createRequire(import.meta.url)) get the library's own URL.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: { js: "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  }),
]);
// --help alone is answered from dist/help.txt without loading the parser (src/bin.ts): yargs'
// own text, from this build (the old file goes first, so the CLI takes the full path to make it).
rmSync('dist/help.txt', { force: true });
writeFileSync('dist/help.txt', execFileSync(process.execPath, ['dist/cli.cjs', '--help'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }));

// The parser's WebAssembly, where the bundled bridge reads it.
mkdirSync(dirname(join('dist', HCL2JSON_WASM)), { recursive: true });
copyFileSync(require.resolve('@cdktf/hcl2json/main.wasm.gz'), join('dist', HCL2JSON_WASM));

// The bundle drops the packages' own files, their licenses among them: dist/ ships them in one
// file, every package whose code is in the bundle, with its license text as the package has it.
function packageRootOf(input) {
  const at = input.lastIndexOf('node_modules/');
  if (at < 0) return undefined;
  const rest = input.slice(at + 'node_modules/'.length).split('/');
  return input.slice(0, at + 'node_modules/'.length) + (rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]);
}
const roots = new Set(results.flatMap((r) => Object.keys(r.metafile.inputs)).map(packageRootOf).filter(Boolean));
const sections = [...roots]
  .map((root) => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    const file = readdirSync(root).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = file ? readFileSync(join(root, file), 'utf8').trim() : `${manifest.license ?? 'UNKNOWN'} (the package ships no license file)`;
    return { name: manifest.name, version: manifest.version, license: manifest.license ?? 'UNKNOWN', text };
  })
  .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.version < b.version ? -1 : 1));
const unique = sections.filter((s, i) => i === 0 || s.name !== sections[i - 1].name || s.version !== sections[i - 1].version);
writeFileSync(
  'dist/THIRD-PARTY-LICENSES.txt',
  `ecs-exec-checker bundles the following packages in dist/. Their licenses follow.\n\n${unique
    .map((s) => `${'-'.repeat(72)}\n${s.name}@${s.version} (${s.license})\n${'-'.repeat(72)}\n\n${s.text}\n`)
    .join('\n')}`,
);
