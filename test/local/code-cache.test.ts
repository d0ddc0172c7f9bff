// The code cache's file: what holds together is read, anything else is left out (and compiled
// from source). Changed bytes inside an entry are V8's to refuse (test/cli.code-cache.test.ts).
import { parseCodeCache, serializeCodeCache, type CodeCacheEntries } from '../../src/local/code-cache';

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

function withHeader(header: unknown, body: string): Buffer {
  const head = Buffer.from(JSON.stringify(header));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(head.length);
  return Buffer.concat([length, head, Buffer.from(body)]);
}
