// The guard in front of HashiCorp's parser (Go compiled to WebAssembly): text nested past what Go
// survives never reaches it, and once Go has thrown through its own stack it is not called again
// (its next call died with "fatal error: malloc deadlock" and the run ended with exit 0, no report).
import { HCL_NESTING_LIMIT, hclNesting } from '../../src/offline/hcl-guard';

describe('hclNesting', () => {
  it.each([
    ['a resource with a block', 'resource "a" "b" {\n  c {\n    d = [1, 2]\n  }\n}\n', 3],
    ['brackets in strings, comments and heredoc text are characters', 'x = "[[[(("\n# {{{{\n// ((((\n/* [[[[ */\ny = <<EOF\n[[[[[[\nEOF\nz = 1\n', 0],
    ['an interpolation nests, in a string and in a heredoc', 'x = "a${[1]}b"\ny = <<-EOT\n  ${ { a = [1] } }\n  EOT\n', 3],
    ['escaped interpolations are text', 'x = "$${[[[[" \ny = "%%{[[["\n', 0],
    ['a quote escaped in a string', 'x = "a\\"[[["\n', 0],
    ['closers past the openers do not go below zero', 'x = ")))"\ny = ]]] [1]\n', 1],
    ['binary minus is not unary', `x = ${Array.from({ length: 400 }, () => 'a').join(' - ')}\n`, 0],
  ])('%s', (_name, text, depth) => {
    expect(hclNesting(text)).toBe(depth);
  });

  it('counts blocks, lists, objects, calls and interpolations alike; a run of unary operators past the bound is too deep', () => {
    expect(hclNesting(`x = ${'max('.repeat(300)}1${')'.repeat(300)}`)).toBe(300);
    expect(hclNesting(`x = ${'"${'.repeat(10)}1${'}"'.repeat(10)}`)).toBe(10);
    expect(hclNesting(`x = ${'!'.repeat(HCL_NESTING_LIMIT)}true`)).toBe(0);
    expect(hclNesting(`x = ${'!'.repeat(HCL_NESTING_LIMIT + 1)}true`)).toBe(Infinity);
    expect(hclNesting(`x = ${'- '.repeat(HCL_NESTING_LIMIT + 1)}1`)).toBe(Infinity);
  });
});

describe('intoGo', () => {
  it('does not call Go with text nested past the bound: an Error as a stack overflow reads', async () => {
    const { intoGo } = await import('../../src/offline/hcl-guard');
    const call = jest.fn(async () => 'parsed');
    await expect(intoGo('deep.tf', `x = ${'['.repeat(HCL_NESTING_LIMIT + 1)}${']'.repeat(HCL_NESTING_LIMIT + 1)}`, call)).rejects.toThrow('Maximum call stack size exceeded');
    expect(call).not.toHaveBeenCalled();
    await expect(intoGo('fine.tf', 'x = [[1]]', call)).resolves.toBe('parsed');
  });

  it('after Go throws through its stack, no later call reaches it: each file says which file stopped it', async () => {
    await jest.isolateModulesAsync(async () => {
      const { intoGo } = await import('../../src/offline/hcl-guard');
      await expect(intoGo('a.tf', 'x = 1', () => Promise.reject(new RangeError('Maximum call stack size exceeded')))).rejects.toThrow(RangeError);
      const call = jest.fn(async () => 'parsed');
      await expect(intoGo('b.tf', 'x = 1', call)).rejects.toThrow("b.tf was not read: HashiCorp's parser stopped on a.tf (nested too deeply to read), and reads nothing more in this run");
      expect(call).not.toHaveBeenCalled();
    });
    // An error Go returns (a syntax error) leaves it usable.
    await jest.isolateModulesAsync(async () => {
      const { intoGo } = await import('../../src/offline/hcl-guard');
      await expect(intoGo('a.tf', 'x = ', () => Promise.reject(new Error('a.tf:1,5-5: Invalid expression')))).rejects.toThrow('Invalid expression');
      await expect(intoGo('b.tf', 'x = 1', async () => 'parsed')).resolves.toBe('parsed');
    });
  });
});
