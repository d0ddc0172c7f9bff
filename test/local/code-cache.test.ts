// The code cache's file: what holds together is read, anything else is left out (and compiled
// from source). Changed bytes inside an entry are V8's to refuse (test/cli.code-cache.test.ts).
import { buildSync } from 'esbuild';
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import {
  codeCacheFile,
  openCodeCache,
  parseCodeCache,
  removeStaleCodeCaches,
  serializeCodeCache,
  STALE_CODE_CACHE_MS,
  type CodeCacheEntries,
} from '../../src/local/code-cache';

const entries = (): CodeCacheEntries =>
  new Map([
    ['cli-ABC.cjs', Buffer.from('first chunk data')],
    ['chunk-DEF.cjs', Buffer.from([0, 1, 2, 3, 255, 254])],
  ]);

describe('code cache file', () => {
  it('reads back what it wrote, entry by entry', () => {
    const read = parseCodeCache(serializeCodeCache(entries()));
    expect([...read.keys()]).toEqual(['cli-ABC.cjs', 'chunk-DEF.cjs']);
    expect(read.get('cli-ABC.cjs')!.toString()).toBe('first chunk data');
    expect([...read.get('chunk-DEF.cjs')!]).toEqual([0, 1, 2, 3, 255, 254]);
  });

  it('a cut file keeps the entries that end before the cut', () => {
    const blob = serializeCodeCache(entries());
    expect([...parseCodeCache(blob.subarray(0, blob.length - 1)).keys()]).toEqual(['cli-ABC.cjs']);
    expect(parseCodeCache(blob.subarray(0, 10)).size).toBe(0);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['random bytes', Buffer.from('\x7f\x45\x4c\x46 not a cache at all, just bytes', 'latin1')],
    ['a header longer than the file', Buffer.from([255, 255, 255, 0, 123])],
    ['another format', withHeader({ format: 1, entries: { 'a.cjs': [0, 1, 0] } }, 'x')],
    ['entries that are no object', withHeader({ format: 2, entries: 'a.cjs' }, '')],
    ['bounds that are no numbers', withHeader({ format: 2, entries: { 'a.cjs': ['0', 1], 'b.cjs': [-1, 1], 'c.cjs': [0, 1, 2] } }, 'xx')],
  ])('%s: no entries, no error', (_, blob) => {
    expect(parseCodeCache(blob).size).toBe(0);
  });
});

describe('code cache file read entry by entry (as the CLI reads it)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-code-cache-unit-'));
  const opened = (blob: Buffer) => {
    const file = join(dir, `cache-${Math.random().toString(36).slice(2)}.bin`);
    writeFileSync(file, blob);
    const reader = openCodeCache(file);
    const read = new Map(reader.keys().map((key) => [key, reader.get(key)]));
    reader.close();
    return read;
  };

  it.each([
    ['a whole file', serializeCodeCache(entries())],
    ['a cut file', serializeCodeCache(entries()).subarray(0, serializeCodeCache(entries()).length - 1)],
    ['a file cut in its header', serializeCodeCache(entries()).subarray(0, 10)],
    ['random bytes', Buffer.from('not a cache at all, just bytes')],
    ['bounds that are no numbers', withHeader({ format: 2, entries: { 'a.cjs': ['0', 1], 'b.cjs': [-1, 1], 'c.cjs': [0, 1, 2] } }, 'xx')],
  ])('%s: the entries the whole file parses to, and no others', (_, blob) => {
    expect(opened(blob)).toEqual(parseCodeCache(blob));
  });

  it('reads an entry only when asked, and none after it is closed; no file has no entries', () => {
    const file = join(dir, 'lazy.bin');
    writeFileSync(file, serializeCodeCache(entries()));
    const reader = openCodeCache(file);
    expect(reader.get('chunk-DEF.cjs')).toEqual(Buffer.from([0, 1, 2, 3, 255, 254]));
    expect(reader.get('no-such-chunk.cjs')).toBeUndefined();
    reader.close();
    expect(reader.get('cli-ABC.cjs')).toBeUndefined();
    const none = openCodeCache(join(dir, 'no-such-file.bin'));
    expect(none.keys()).toEqual([]);
    none.close();
  });
});

function withHeader(header: unknown, body: string): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  return Buffer.concat([length, head, Buffer.from(body)]);
}

describe('cache files of other V8s', () => {
  it('go once not written for 30 days; this one, recent ones and other files stay', () => {
    const dir = mkdtempSync(join(tmpdir(), 'ecs-exec-checker-code-cache-stale-'));
    const now = Date.UTC(2026, 11, 1);
    const file = (name: string, ageMs: number) => {
      writeFileSync(join(dir, name), 'x');
      const when = (now - ageMs) / 1000;
      utimesSync(join(dir, name), when, when);
    };
    const mine = codeCacheFile(dir);
    writeFileSync(mine, 'x');
    utimesSync(mine, 0, 0); // this V8's own, however old, is never removed
    file('code-cache-v8-10.2.154.26-node.26-x64.bin', STALE_CODE_CACHE_MS + 60_000);
    file('code-cache-v8-12.4.254.21-node.33-arm64.bin', STALE_CODE_CACHE_MS - 60_000);
    file('client-tools.json', 10 * STALE_CODE_CACHE_MS);
    file('code-cache-notes.txt', 10 * STALE_CODE_CACHE_MS);

    removeStaleCodeCaches(dir, mine, now);

    expect(readdirSync(dir).sort()).toEqual(
      ['client-tools.json', 'code-cache-notes.txt', 'code-cache-v8-12.4.254.21-node.33-arm64.bin', mine.slice(dir.length + 1)].sort(),
    );
    expect(existsSync(mine)).toBe(true);
  });
});

describe('chunks loaded through the cache', () => {
  it("find each other by name as Node would: one module per file, a cycle sees the exports so far, Node's modules and require.resolve as usual", async () => {
    // In a Node of its own: Jest's require is not Node's, and the hook changes Node's loader.
    const dir = realpathSync(mkdtempSync(join(tmpdir(), 'ecs-exec-checker-chunks-')));
    const chunks = join(dir, 'chunks');
    mkdirSync(chunks);
    buildSync({ entryPoints: [join(__dirname, '../../src/local/code-cache.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: join(dir, 'code-cache.cjs'), logLevel: 'silent' });
    writeFileSync(
      join(chunks, 'a.cjs'),
      [
        'exports.early = 1;',
        "const b = require('./b.cjs');",
        'exports.bSaw = b.sawA;',
        "exports.sep = require('node:path').sep;",
        "exports.resolved = require.resolve('./b.cjs');",
        "exports.again = require('./b.cjs') === b;",
        'exports.late = 2;',
      ].join('\n'),
    );
    writeFileSync(join(chunks, 'b.cjs'), "const a = require('./a.cjs'); exports.sawA = { ...a };");
    writeFileSync(join(chunks, 'c.cjs'), "require('./missing.cjs');");
    writeFileSync(
      join(dir, 'main.cjs'),
      [
        "const Module = require('node:module');",
        "const { join } = require('node:path');",
        "require('./code-cache.cjs').installCodeCache(join(__dirname, 'chunks'), join(__dirname, 'cache'));",
        'const resolve = Module._resolveFilename;',
        'const resolved = [];',
        'Module._resolveFilename = function (request, ...rest) { resolved.push(request); return resolve.call(this, request, ...rest); };',
        "const a = require('./chunks/a.cjs');",
        "const sameB = require('./chunks/b.cjs').sawA === a.bSaw;",
        'let missing;',
        "try { require('./chunks/c.cjs'); } catch (error) { missing = error.code; }",
        'console.log(JSON.stringify({ a, resolved, sameB, missing }));',
      ].join('\n'),
    );
    const { stdout } = await promisify(execFile)(process.execPath, [join(dir, 'main.cjs')], { timeout: 60_000 });
    expect(JSON.parse(stdout)).toEqual({
      a: { early: 1, bSaw: { early: 1 }, sep, resolved: join(chunks, 'b.cjs'), again: true, late: 2 },
      // Node searched for the chunks main asked for and for require.resolve's answer, and for the
      // chunk that is not there (its error is Node's); the chunks' requires of each other, for nothing.
      resolved: ['./chunks/a.cjs', './b.cjs', './chunks/b.cjs', './chunks/c.cjs', './missing.cjs'],
      // The chunk b loaded by name is the module Node itself gives.
      sameB: true,
      missing: 'MODULE_NOT_FOUND',
    });
  });
});
