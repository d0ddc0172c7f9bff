// The esbuild options of the CLI bundle, shared by the build and by the benchmark (which builds
// variants of it to measure what each choice is worth).
import { build, transform } from 'esbuild';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join, relative, resolve } from 'node:path';

const require = createRequire(import.meta.url);

// yargs's ES module build lays out --help with cliui's ES module build, whose line wrapping cuts
// words anywhere; its CommonJS build wraps at spaces (wrap-ansi). Bundle that one.
export const cliuiWithWordWrap = {
  name: 'cliui-word-wrap',
  setup(build) {
    build.onResolve({ filter: /^cliui$/ }, () => ({ path: require.resolve('cliui') }));
  },
};

// yargs' factory guesses a version at start by walking up from the working directory to the
// first package.json and reading it: directories of the user's that are none of the checker's
// business, read on every run (~9 ms here), for a version the CLI then sets itself (cli.ts).
export const yargsNoVersionGuess = {
  name: 'yargs-no-version-guess',
  setup(build) {
    build.onLoad({ filter: /yargs[\\/]build[\\/]lib[\\/]yargs-factory\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const guess = '        yargs.version();\n';
      if (!text.includes(guess)) throw new Error(`yargs changed: ${args.path} no longer guesses a version in its factory`);
      return { contents: text.replace(guess, ''), loader: 'js' };
    });
  },
};

// The SDK's clients key their schemas' traits with computed names ({ [_xN]: ... }). esbuild
// cannot prove a computed key free of side effects, so it keeps every schema of a client where
// the checker uses a handful (EC2: all 3,404, 1 MB; ECS: 222 of them): with each key written as
// the string it names, the unused ones go.
export const sdkSchemaKeys = {
  name: 'sdk-schema-keys',
  setup(build) {
    build.onLoad({ filter: /@aws-sdk[\\/][^\\/]+[\\/]dist-es[\\/](?:submodules[\\/][^\\/]+[\\/])?schemas[\\/]schemas_0\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const names = new Map([...text.matchAll(/^const (_\w+) = ("[^"\n]*");$/gm)].map(([, name, value]) => [name, value]));
      return { contents: text.replace(/\[(_\w+)\]:/g, (whole, name) => (names.has(name) ? `${names.get(name)}:` : whole)), loader: 'js' };
    });
  },
};

// The SDK reads each response body through a check for a web ReadableStream, and naming the
// global ReadableStream makes Node load its web streams (~7 ms of a one-task run) for a body
// that is always a Node stream here. A value with a pipe() method is a Node stream: the check
// answers no for it before naming the global.
export const sdkNodeStreamsFirst = {
  name: 'sdk-node-streams-first',
  setup(build) {
    build.onLoad({ filter: /@smithy[\\/]core[\\/]dist-es[\\/]submodules[\\/]serde[\\/]util-stream[\\/]stream-type-check\.js$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const from = 'export const isReadableStream = (stream) => typeof ReadableStream === "function" &&';
      if (!text.includes(from)) throw new Error(`@smithy/core changed: ${args.path} no longer checks for a web stream as it did`);
      return { contents: text.replace(from, 'export const isReadableStream = (stream) => typeof stream?.pipe !== "function" && typeof ReadableStream === "function" &&'), loader: 'js' };
    });
  },
};

/**
 * HashiCorp's HCL parser as WebAssembly (@cdktf/hcl2json) reads main.wasm.gz beside its package
 * root. Bundled, it reads the copy the build puts in dist/hcl2json/: from the CLI's chunk
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

/**
 * The CLI's esbuild options: code split so that each AWS client loads only when a check first
 * needs it, and --help or a replay load none. esbuild splits only ES modules; `buildCli` turns
 * the chunks into CommonJS, which Node 20 can compile from V8's code cache (src/local/code-cache.ts)
 * and loads without the ES module loader's asynchronous steps. Benchmark variants: `schemaKeys:
 * false` leaves the SDK's schemas as shipped; `esm: true` ships the ES module chunks as they
 * are (cli.mjs, as builds did before), which Node compiles from source at every start; `cli:
 * FILE` builds FILE in src/cli.ts's place behind the same start (the benchmark's floor).
 */
function cliOptions({ outdir, schemaKeys = true, esm = false, cli }) {
  return {
    ...common,
    entryPoints: { cli: 'src/bin.ts' },
    outdir,
    format: 'esm',
    splitting: true,
    write: esm,
    outExtension: { '.js': esm ? '.mjs' : '.cjs' },
    chunkNames: 'chunks/[name]-[hash]',
    plugins: [
      cliuiWithWordWrap,
      yargsNoVersionGuess,
      sdkNodeStreamsFirst,
      hcl2jsonWasm('esm'),
      ...(schemaKeys ? [sdkSchemaKeys] : []),
      ...(cli ? [cliInstead(cli)] : []),
    ],
    // The directory of the file (dist/ or dist/chunks/), and the file's URL where bundled ES
    // modules ask for theirs (fdir's createRequire(import.meta.url)); as ES modules, a require()
    // for bundled CommonJS packages (yargs, cli-table3).
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: {
      js: esm
        ? "import { createRequire as __createRequire } from 'node:module'; import { fileURLToPath as __fileURLToPath } from 'node:url'; const require = __createRequire(import.meta.url); const __bundleDir = __fileURLToPath(new URL('.', import.meta.url)); const __importMetaUrl = import.meta.url;"
        : "const __bundleDir = __dirname; const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;",
    },
    metafile: true,
  };
}

/** src/bin.ts's import of './cli' resolved to `file` instead. */
function cliInstead(file) {
  return {
    name: 'cli-instead',
    setup(build) {
      build.onResolve({ filter: /^\.\/cli$/ }, (args) => (args.importer.endsWith(join('src', 'bin.ts')) ? { path: resolve(file) } : undefined));
    },
  };
}

/** Builds the CLI into `outdir`: cli.cjs and chunks/*.cjs, CommonJS, ASCII only (or the ES module variant). Returns esbuild's result (its metafile). */
export async function buildCli(options) {
  const result = await build(cliOptions(options));
  if (options.esm) return result;
  const outputs = await Promise.all(
    result.outputFiles.map(async (file) => {
      const { code } = await transform(file.text, {
        format: 'cjs',
        platform: 'node',
        target: 'node20',
        // import() of a chunk or a built-in becomes require(): code compiled by vm.Script has no
        // dynamic import of its own.
        supported: { 'dynamic-import': false },
        // ES modules are strict; the CommonJS they become stays so.
        banner: '"use strict";',
        sourcefile: relative(options.outdir, file.path),
      });
      // ASCII only (esbuild escapes anything else by default): V8 keeps such a source as a one-byte
      // string, half the memory of a two-byte one (src/local/code-cache.ts reads the chunks).
      if (!/^[\p{ASCII}]*$/u.test(code)) throw new Error(`${file.path}: not ASCII`);
      return { path: file.path, code, requires: [...code.matchAll(/require\("\.\.?\/(?:chunks\/)?([^"]+\.cjs)"\)/g)].map((m) => m[1]) };
    }),
  );
  // CommonJS runs a module's body at its first require: a cycle between chunks would hand one of
  // them a half-filled exports object. esbuild's chunks import along a DAG; make sure.
  const requiresOf = new Map(outputs.map((o) => [basename(o.path), o.requires]));
  const visiting = new Set();
  const done = new Set();
  const visit = (name, path) => {
    if (done.has(name)) return;
    if (visiting.has(name)) throw new Error(`chunks require each other: ${[...path, name].join(' -> ')}`);
    visiting.add(name);
    for (const next of requiresOf.get(name) ?? []) visit(next, [...path, name]);
    visiting.delete(name);
    done.add(name);
  };
  for (const name of requiresOf.keys()) visit(name, []);
  for (const output of outputs) {
    mkdirSync(dirname(output.path), { recursive: true });
    writeFileSync(output.path, output.code, { mode: basename(output.path) === 'cli.cjs' ? 0o755 : 0o644 });
  }
  return result;
}
