// The esbuild options of the CLI bundle, shared by the build and by the benchmark (which builds
// variants of it to measure what each choice is worth).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

// yargs's ES module build lays out --help with cliui's ES module build, whose line wrapping cuts
// words anywhere; its CommonJS build wraps at spaces (wrap-ansi). Bundle that one.
export const cliuiWithWordWrap = {
  name: 'cliui-word-wrap',
  setup(build) {
    build.onResolve({ filter: /^cliui$/ }, () => ({ path: require.resolve('cliui') }));
  },
};

// The SDK's EC2 schemas key their traits with computed names ({ [_xN]: ... }). esbuild cannot
// prove a computed key free of side effects, so it keeps all 3,404 schemas (1 MB) where the
// checker uses a handful: with each key written as the string it names, the unused ones go.
export const ec2SchemaKeys = {
  name: 'ec2-schema-keys',
  setup(build) {
    build.onLoad({ filter: /client-ec2[\\/]dist-es[\\/]schemas[\\/]schemas_0\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = new Map([...text.matchAll(/^const (_\w+) = ("[^"\n]*");$/gm)].map(([, name, value]) => [name, value]));
      return { contents: text.replace(/\[(_\w+)\]:/g, (whole, name) => (names.has(name) ? `${names.get(name)}:` : whole)), loader: 'js' };
    });
  },
};

/**
 * HashiCorp's HCL parser as WebAssembly (@cdktf/hcl2json) reads main.wasm.gz beside its package
 * root. Bundled, it reads the copy the build puts in dist/hcl2json/: from the ES module chunk
 * that holds it (dist/chunks/), or from the CommonJS library (dist/index.js), by its directory.
 */
export const HCL2JSON_WASM = 'hcl2json/main.wasm.gz';
export function hcl2jsonWasm(format) {
  return {
    name: 'hcl2json-wasm',
    setup(build) {
      build.onLoad({ filter: /@cdktf[\\/]hcl2json[\\/]lib[\\/]bridge\.js$/ }, (args) => {
        const text = readFileSync(args.path, 'utf8');
        const from = '(0, path_1.join)(__dirname, "..", "main.wasm.gz")';
        if (!text.includes(from)) throw new Error(`@cdktf/hcl2json changed: ${args.path} no longer reads ${from}`);
        // No import.meta here: esbuild would take this CommonJS file for an ES module. The chunks'
        // banner gives __bundleDir, the directory of the chunk (dist/chunks/).
        const to = format === 'esm' ? `(0, path_1.join)(__bundleDir, "..", "${HCL2JSON_WASM}")` : `(0, path_1.join)(__dirname, "${HCL2JSON_WASM}")`;
        return { contents: text.replace(from, to), loader: 'js' };
      });
    },
  };
}

export const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  mainFields: ['module', 'main'],
  legalComments: 'none',
  logLevel: 'warning',
  // Go's wasm_exec requires "performance" only where the global is missing: never on Node 20.
  external: ['performance'],
};

/** The CLI: ES module chunks; `ec2Keys: false` leaves the SDK's EC2 schemas as shipped (a benchmark variant). */
export function cliOptions({ outdir, ec2Keys = true }) {
  return {
    ...common,
    entryPoints: { cli: 'src/bin.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    outExtension: { '.js': '.mjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [cliuiWithWordWrap, hcl2jsonWasm('esm'), ...(ec2Keys ? [ec2SchemaKeys] : [])],
    // Bundled CommonJS dependencies (yargs, cli-table3) call require(); give them Node's.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleDir = __fileURLToPath(new URL('.', import.meta.url));",
    },
    metafile: true,
  };
}
