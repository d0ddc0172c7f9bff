// Data in a report (names, AWS messages, file paths) comes from AWS, from files, or from a
// crafted snapshot: each renderer escapes it for where it goes, so it is shown, never obeyed.

/**
 * Characters a terminal acts on instead of showing: C0 controls but the newline, DEL, C1 controls
 * (an 8-bit CSI), and the bidirectional overrides that reorder what is shown ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const TERMINAL_CONTROLS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const hex = (c: string) => {
  const code = c.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
};

/** text with every control character shown as its escape (ESC as \x1b): a terminal prints it, never runs it. */
export function visibleControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, hex);
}

/**
 * Markdown text that renders as itself: the punctuation a Markdown or HTML parser acts on is
 * backslash-escaped (no emphasis, code, links, images, HTML, tables' |, and no autolink, whose
 * scheme needs a bare ":"), a newline is a space, a line cannot start a list, and a zero-width
 * joiner follows each @ and "www" so that no one is mentioned and nothing is linked.
 */
export function markdownText(text: string): string {
  return visibleControls(text.replace(/\r?\n/g, ' '))
    .replace(/[\\`*_{}[\]<>!|~&]|:(?=\/\/)/g, '\\$&')
    .replace(/^([-+])|^(\d+)([.)])/, (_m, bullet: string | undefined, n: string, dot: string) => (bullet ? `\\${bullet}` : `${n}\\${dot}`))
    .replace(/@/g, '@\u200d')
    .replace(/www\./gi, (w) => `${w.slice(0, 3)}\u200d.`);
}

/** The longest run of backticks in text (a loop: a spread of every run overflows the stack on crafted text). */
function longestBackticks(text: string): number {
  let longest = 0;
  for (const run of text.match(/`+/g) ?? []) longest = Math.max(longest, run.length);
  return longest;
}

/** Inline code: fenced by one backtick more than the longest run inside, so data cannot close it. */
export function markdownCode(text: string): string {
  const flat = visibleControls(text.replace(/\r?\n/g, ' '));
  const longest = longestBackticks(flat);
  const fence = '`'.repeat(longest + 1);
  const pad = /^`|`$/.test(flat) || (flat.startsWith(' ') && flat.endsWith(' ') && flat.trim()) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/** A fenced block: fenced by one backtick more than the longest run inside (at least three). */
export function markdownBlock(lines: readonly string[], info = ''): string[] {
  const body = lines.map(visibleControls);
  const longest = body.reduce((most, line) => Math.max(most, longestBackticks(line)), 0);
  const fence = '`'.repeat(Math.max(3, longest + 1));
  return [`${fence}${info}`, ...body, fence];
}

/**
 * Characters XML 1.0 does not allow at all (most C0 controls, lone surrogates, U+FFFE/U+FFFF):
 * shown as their escape, as in the terminal.
 */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text for an XML attribute or element: markup escaped, characters XML forbids shown as escapes. */
export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, hex)
    .replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);
}
