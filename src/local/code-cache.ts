// V8's compiled code for the CLI's own chunks, kept between runs. Node 20 compiles every module
// from source at each start (a compile cache for modules came with Node 22): for one task that was
// about a sixth of the run. The build ships the CLI as CommonJS chunks (scripts/bundle-options.mjs);
// this hook compiles each with the code V8 cached for it in an earlier run, and writes the cache
// at exit when a chunk had none or V8 refused it (another Node, other V8 flags, a checksum that
// does not match: src/bin.ts turns V8's checksums on). An entry is known by the chunk's file name
// (which carries a hash of its content), size and modification time: V8 itself checks only the
// length of the source, and would run old code for a file changed in place. A cache that is
// missing, corrupt or unwritable means compiling from source, as without one.
import { closeSync, fstatSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, statSync, unlinkSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomic } from './files';

const FORMAT = 2;

/** V8's data for one chunk, by `entryKey` of the chunk's file. */
export type CodeCacheEntries = Map<string, Buffer>;

/** What identifies one build of a chunk: its name, size and modification time (undefined: no such file). */
export function entryKey(file: string): string | undefined {
  try {
    const { size, mtimeMs } = statSync(file);
    return `${basename(file)}|${size}|${mtimeMs}`;
  } catch {
    return undefined;
  }
}

interface Header {
  format: number;
  /** entry key (name|size|mtime) -> [offset, length] in the body. */
  entries: Record<string, [number, number]>;
}

/** What every cache file's name starts with, whichever V8 wrote it. */
const CACHE_FILE_PREFIX = 'code-cache-v8-';

/** The file of this Node's V8 on this architecture (the data is V8's own; another V8 refuses it). */
export function codeCacheFile(dir: string): string {
  return join(dir, `${CACHE_FILE_PREFIX}${process.versions.v8}-${process.arch}.bin`);
}

/**
 * Where each entry lies in the body of a cache file whose header is `headText`; whatever does not
 * hold together (format, bounds) is left out.
 */
function indexOf(headText: string, bodyLength: number): Map<string, [number, number]> {
  const index = new Map<string, [number, number]>();
  try {
    const header = JSON.parse(headText) as Partial<Header>;
    if (header.format !== FORMAT || typeof header.entries !== 'object' || header.entries === null) return index;
    for (const [name, at] of Object.entries(header.entries)) {
      if (!Array.isArray(at) || at.length !== 2 || !at.every((n) => Number.isSafeInteger(n) && n >= 0)) continue;
      const [offset, length] = at;
      if (offset + length <= bodyLength) index.set(name, [offset, length]);
    }
  } catch {
    // Not JSON where the header should be: no entries.
  }
  return index;
}

/**
 * The entries of a cache file; whatever does not hold together (format, bounds) is left out. What
 * is inside an entry is V8's to check: with --verify-snapshot-checksum it refuses changed data.
 */
export function parseCodeCache(blob: Buffer): CodeCacheEntries {
  const entries: CodeCacheEntries = new Map();
  if (blob.length < 4) return entries;
  const headLength = blob.readUInt32LE(0);
  if (4 + headLength > blob.length) return entries;
  const body = blob.subarray(4 + headLength);
  for (const [name, [offset, length]] of indexOf(blob.toString('utf8', 4, 4 + headLength), body.length)) entries.set(name, body.subarray(offset, offset + length));
  return entries;
}

/**
 * A cache file whose entries are read when asked for: the file holds every chunk some earlier
 * run loaded (a lint's, a replay's), a run reads only its own. Each entry is checked as
 * `parseCodeCache` checks it; a file that cannot be read has none.
 */
export interface CodeCacheReader {
  keys(): string[];
  get(key: string): Buffer | undefined;
  close(): void;
}

export function openCodeCache(file: string): CodeCacheReader {
  let fd: number | undefined;
  let index = new Map<string, [number, number]>();
  let bodyAt = 0;
  try {
    fd = openSync(file, 'r');
    const size = fstatSync(fd).size;
    const word = Buffer.alloc(4);
    if (size >= 4 && readSync(fd, word, 0, 4, 0) === 4) {
      const headLength = word.readUInt32LE(0);
      if (4 + headLength <= size) {
        const head = Buffer.alloc(headLength);
        if (readSync(fd, head, 0, headLength, 4) === headLength) {
          bodyAt = 4 + headLength;
          index = indexOf(head.toString('utf8'), size - bodyAt);
        }
      }
    }
  } catch {
    // No file (the first run) or no reading it: no entries.
  }
  return {
    keys: () => [...index.keys()],
    get(key) {
      const at = index.get(key);
      if (fd === undefined || !at) return undefined;
      const data = Buffer.allocUnsafe(at[1]);
      try {
        return readSync(fd, data, 0, at[1], bodyAt + at[0]) === at[1] ? data : undefined;
      } catch {
        return undefined;
      }
    },
    close() {
      if (fd !== undefined) closeSync(fd);
      fd = undefined;
    },
  };
}

/** The bytes of a cache file holding these entries. */
export function serializeCodeCache(entries: CodeCacheEntries): Buffer {
  const header: Header = { format: FORMAT, entries: {} };
  let offset = 0;
  for (const [name, data] of entries) {
    header.entries[name] = [offset, data.length];
    offset += data.length;
  }
  const head = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  return Buffer.concat([length, head, ...entries.values()]);
}

/** Node's loader internals: public in practice, missing from its types. */
type ExtensionLoader = (module: Module, filename: string) => void;
interface ModuleInternals {
  _extensions: Record<string, ExtensionLoader>;
  _cache: Record<string, Module | undefined>;
}
type Wrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

/**
 * From now on, the chunks in `chunkDir` (files ending in .cjs) compile with the cache in
 * `cacheDir`, and the cache is written at exit if any chunk compiled without it. No directory
 * (no home): nothing changes.
 */
export function installCodeCache(chunkDir: string, cacheDir: string | undefined): void {
  if (!cacheDir) return;
  const file = codeCacheFile(cacheDir);
  const cached = openCodeCache(file);
  // Only the chunks that compiled from source: a chunk whose data V8 took needs none new.
  const fresh = new Map<string, Script>();
  const internals = Module as unknown as ModuleInternals;
  const extensions = internals._extensions;
  const previous = extensions['.cjs'] ?? extensions['.js']!;

  const compile = (module: Module, filename: string, key: string | undefined) => {
    // UTF-8: Node reads that straight into a string (latin1 goes through a Buffer first, ~3 ms more
    // for one task's chunks). The build writes ASCII only, so every chunk is a one-byte string.
    const source = readFileSync(filename, 'utf8');
    const cachedData = key === undefined ? undefined : cached.get(key);
    const script = new Script(Module.wrap(source), { filename, cachedData });
    if (key !== undefined && (!cachedData || script.cachedDataRejected)) fresh.set(key, script);
    const wrapper = script.runInThisContext() as Wrapper;
    wrapper.call(module.exports, module.exports, chunkRequire(module, filename), module, filename, chunkDir);
  };

  /**
   * The `require` of a chunk. Chunks ask for each other as "./name.cjs" (the build writes them
   * so): such a chunk is loaded from this directory by name, as Node would, without Node's search
   * for the file (a stat, a real path and a package.json scope for each: about 8 ms of the ~40
   * chunks and ~370 requires of one task). Anything else (Node's own modules) goes to Node's
   * require for the file.
   */
  const chunkRequire = (parent: Module, filename: string): NodeJS.Require => {
    let node: NodeJS.Require | undefined;
    const nodeRequire = () => (node ??= createRequire(filename));
    const require = (request: string): unknown => {
      const name = request.startsWith('./') && request.endsWith('.cjs') ? request.slice(2) : undefined;
      const path = name === undefined || name.includes('/') ? undefined : join(chunkDir, name);
      // Most requires are of a chunk already loaded: no file system at all for them.
      const loaded = path === undefined ? undefined : internals._cache[path];
      if (loaded) return loaded.exports;
      const key = path === undefined ? undefined : entryKey(path);
      if (path === undefined || key === undefined) return nodeRequire()(request);
      const module = new Module(path, parent);
      module.filename = path;
      module.paths = parent.paths;
      // In the cache before it runs, as Node does: a cycle between chunks gets the exports so far.
      internals._cache[path] = module;
      try {
        compile(module, path, key);
      } catch (error) {
        delete internals._cache[path];
        throw error;
      }
      module.loaded = true;
      return module.exports;
    };
    for (const property of ['resolve', 'cache', 'main', 'extensions'] as const) {
      Object.defineProperty(require, property, { get: () => nodeRequire()[property], enumerable: true });
    }
    return require as NodeJS.Require;
  };

  extensions['.cjs'] = (module, filename) => {
    if (dirname(filename) !== chunkDir) return previous(module, filename);
    compile(module, filename, entryKey(filename));
  };
  process.once('exit', () => {
    if (fresh.size === 0) {
      cached.close();
      return;
    }
    // Functions compiled during the run are in V8's data now: the next run skips compiling them too.
    const entries: CodeCacheEntries = new Map();
    for (const [key, script] of fresh) entries.set(key, script.createCachedData());
    // The other entries, while their chunk is still the file it was.
    for (const key of cached.keys()) {
      const data = !entries.has(key) && entryKey(join(chunkDir, key.split('|')[0]!)) === key ? cached.get(key) : undefined;
      if (data) entries.set(key, data);
    }
    cached.close();
    write(file, cacheDir, entries);
  });
}

function write(file: string, dir: string, entries: CodeCacheEntries): void {
  try {
    mkdirSync(dir, { recursive: true });
    writeFileAtomic(file, serializeCodeCache(entries));
    removeStaleCodeCaches(dir, file);
  } catch {
    // A read-only home, a full disk: the next run compiles from source again.
  }
}

/** How long the cache of another V8 (Node upgraded, or another kept beside it) is left unwritten before it goes. */
export const STALE_CODE_CACHE_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * Removes the cache files of other V8s not written for STALE_CODE_CACHE_MS (each is ~2 MB, one
 * per Node version ever used). Called when a cache is written, which is rare (a first run, a new
 * build, a new Node), so no run pays for a directory read. A Node still in use whose file went
 * writes it again at its next run.
 */
export function removeStaleCodeCaches(dir: string, keep: string, now = Date.now()): void {
  for (const name of readdirSync(dir)) {
    const file = join(dir, name);
    if (file === keep || !name.startsWith(CACHE_FILE_PREFIX) || !name.endsWith('.bin')) continue;
    try {
      if (now - statSync(file).mtimeMs > STALE_CODE_CACHE_MS) unlinkSync(file);
    } catch {
      // Gone already (another run), or not ours to remove: left.
    }
  }
}
