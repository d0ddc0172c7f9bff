// Values spliced into a command a person will paste: quoted for POSIX shells, so a name from
// AWS (or a crafted snapshot) is one argument and never shell syntax.
const PLAIN = /^[A-Za-z0-9_./:@%+=,-]+$/;

export function shellQuote(value: string): string {
  if (value !== '' && PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** PowerShell's plain words: no @ (splatting), comma (arrays), $, backtick, ; or braces. */
const POWERSHELL_PLAIN = /^[A-Za-z0-9_./:=+-]+$/;

/** The same for PowerShell, where a single-quoted string is literal and ' is written ''. */
export function powershellQuote(value: string): string {
  if (value !== '' && POWERSHELL_PLAIN.test(value)) return value;
  return `'${value.replace(/'/g, "''")}'`;
}

/** A value for a command, quoted; a placeholder such as <subnet> (for the reader to fill in) when there is none. */
export function shellArg(value: string | undefined, placeholder: string): string {
  return value ? shellQuote(value) : placeholder;
}
