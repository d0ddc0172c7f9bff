// Bundles with esbuild from the SDK's ES module builds, so unused commands are left out.
// The CLI is split into chunks: each AWS client loads only when a check first needs it, and
// --help or a replay never load one (start-up is most of a one-task run).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';

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

await Promise.all([
  build({
    ...common,
    entryPoints: { cli: 'src/bin.ts' },
    outdir: 'dist',
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [cliuiWithWordWrap],
    // Bundled CommonJS dependencies (yargs, cli-table3) call require(); give them Node's.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  }),
  build({ ...common, entryPoints: { index: 'src/index.ts' }, outdir: 'dist', format: 'cjs' }),
]);
