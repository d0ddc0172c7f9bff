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

export const common = {
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
    plugins: [cliuiWithWordWrap, ...(ec2Keys ? [ec2SchemaKeys] : [])],
    // Bundled CommonJS dependencies (yargs, cli-table3) call require(); give them Node's.
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
    metafile: true,
  };
}
