// Values spliced into a command a person will paste: quoted for POSIX shells, so a name from
// AWS (or a crafted snapshot) is one argument and never shell syntax.
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

export function shellQuote(value: string): string {
  if (value !== '' && PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}
