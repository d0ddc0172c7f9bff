// The code cache's file: what holds together is read, anything else is left out (and compiled
// from source). Changed bytes inside an entry are V8's to refuse (test/cli.code-cache.test.ts).
import { existsSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
