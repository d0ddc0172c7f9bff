// The quick reading of the commonest command lines (src/cli.ts quickArgs) gives what yargs gives,
// or nothing: over generated command lines, every one it reads is compared with yargs' reading.
import { quickArgs, yargsArgs } from '../src/cli';

const TASK_ARN = 'arn:aws:ecs:eu-west-1:111122223333:task/prod/5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60';
const WORDS = ['prod', '5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60', TASK_ARN, 'lint', '-', '0123', 'a=b', 'x.y', 'true', '--', '', 'help', '$0', 'version', 'completion', 'h'];
const OPTIONS = [
  '-o', '--output', '--output=json', '--output=xml', '--output=', '-o=json', '--region', '--region=eu-west-1', '--profile', '--profile=dev',
  '-q', '--quiet', '--quiet=true', '--no-quiet', '--debug', '--all', '--timeout', '--cluster', '-v', '-h', '--Output', '-oq', '--no-cache',
];
const VALUES = ['json', 'table', 'sarif', 'junit', 'markdown', 'xml', 'eu-west-1', 'dev', '-x', '', '--debug', '5'];

/** A small deterministic generator (mulberry32): the same command lines on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function commandLines(count: number): string[][] {
  const next = random(15);
  const pick = (list: readonly string[]) => list[Math.floor(next() * list.length)]!;
  const lines: string[][] = [];
  for (let n = 0; n < count; n++) {
    const line: string[] = [];
    const length = Math.floor(next() * 7);
    for (let i = 0; i < length; i++) {
      const kind = next();
      if (kind < 0.4) line.push(pick(WORDS.slice(0, 3)));
      else if (kind < 0.55) line.push(pick(WORDS));
      else if (kind < 0.85) line.push(pick(OPTIONS), ...(next() < 0.8 ? [pick(VALUES)] : []));
      else line.push(pick(VALUES));
    }
    lines.push(line);
  }
  return lines;
}

/** What yargs gives, or the message of its refusal. */
async function viaYargs(argv: string[]): Promise<unknown> {
  try {
    return await yargsArgs(argv);
  } catch (error) {
    return { refused: (error as Error).message };
  }
}

describe('quickArgs', () => {
  it('reads a command line exactly as yargs does, or leaves it to yargs', async () => {
    let read = 0;
    for (const argv of commandLines(1500)) {
      const quick = quickArgs(argv);
      if (quick === undefined) continue;
      read++;
      expect({ argv, args: quick }).toEqual({ argv, args: await viaYargs(argv) });
    }
    // The generated lines reach it often: the comparison is not vacuous.
    expect(read).toBeGreaterThan(150);
  });

  it.each([
    [['prod', '5f1c9e7a2b3d4c6e8f0a1b2c3d4e5f60']],
    [['prod', TASK_ARN, '-o', 'json']],
    [['prod', TASK_ARN, '--output=sarif', '--region', 'us-east-1', '--profile', 'dev', '-q', '--debug']],
    [['prod', TASK_ARN, '-o', 'json', '-o', 'table']],
    [[TASK_ARN]],
    [[]],
  ])('reads %j as yargs does', async (argv) => {
    const quick = quickArgs(argv);
    expect(quick).toBeDefined();
    expect(quick).toEqual(await viaYargs(argv));
  });

  it.each([
    ['a command', ['lint', 'taskdef.json']],
    ['a third positional (yargs refuses it)', ['prod', 'a', 'b']],
    ['stdin', ['lint', '-']],
    ['an unknown format (yargs names the choices)', ['prod', 'a', '-o', 'xml']],
    ['a value that looks like an option', ['prod', 'a', '--region', '--debug']],
    ['an option without its value', ['prod', 'a', '--profile']],
    ['an empty value', ['prod', 'a', '--region=']],
    ['a flag given twice', ['prod', 'a', '-q', '--quiet']],
    ['a flag with a value', ['prod', 'a', '--quiet=true']],
    ['a negated flag', ['prod', 'a', '--no-quiet']],
    ['any other option', ['prod', 'a', '--all']],
    ['--help', ['--help']],
    ['grouped short flags', ['prod', 'a', '-qo', 'json']],
    ['"help", which yargs reads as a command', ['prod', 'help']],
    ['a word of yargs\' own syntax', ['$0']],
  ])('leaves %s to yargs', (_name, argv) => {
    expect(quickArgs(argv)).toBeUndefined();
  });
});
