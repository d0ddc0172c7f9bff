// Bundles with esbuild from the SDK's ES module builds, so unused commands are left out.
// The CLI is split into chunks: each AWS client loads only when a check first needs it, and
// --help or a replay never load one (start-up is most of a one-task run).
import { build } from 'esbuild';
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// Chunk names carry a hash: without this, chunks of earlier builds would pile up (and be packed).
rmSync('dist/chunks', { recursive: true, force: true });

// yargs's ES module build lays out --help with cliui's ES module build, whose line wrapping cuts
// words anywhere; its CommonJS build wraps at spaces (wrap-ansi). Bundle that one.
const require = createRequire(import.meta.url);
const cliuiWithWordWrap = {
  name: 'cliui-word-wrap',
  setup(build) {
    build.onResolve({ filter: /^cliui$/ }, () => ({ path: require.resolve('cliui') }));
  },
};

// The SDK's EC2 schemas key their traits with computed names ({ [_xN]: ... }). esbuild cannot
// prove a computed key free of side effects, so it keeps all 3,404 schemas (1 MB) where the
// checker uses a handful: with each key written as the string it names, the unused ones go.
const ec2SchemaKeys = {
  name: 'ec2-schema-keys',
  setup(build) {
    build.onLoad({ filter: /client-ec2[\\/]dist-es[\\/]schemas[\\/]schemas_0\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = new Map([...text.matchAll(/^const (_\w+) = ("[^"\n]*");$/gm)].map(([, name, value]) => [name, value]));
      return { contents: text.replace(/\[(_\w+)\]:/g, (whole, name) => (names.has(name) ? `${names.get(name)}:` : whole)), loader: 'js' };
    });
  },
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
  // HashiCorp's HCL parser as WebAssembly reads its .wasm file next to its own code: it stays a
  // dependency, loaded from node_modules only when a .tf file is linted.
  external: ['@cdktf/hcl2json'],
};

const results = await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'src/bin.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [cliuiWithWordWrap, ec2SchemaKeys],
    // Bundled CommonJS dependencies (yargs, cli-table3) call require(); give them Node's.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
  }),
  build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', format: 'cjs', metafile: true, plugins: [ec2SchemaKeys] }),
]);

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
