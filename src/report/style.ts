// The one place that decides colours. Renderers ask for a style; with colour off it is plain text.
import { styleText } from 'node:util';
import type { Status } from '../model';

type Style = Parameters<typeof styleText>[0];

/**
 * Node's styleText drops colour itself when stdout is not a terminal; the caller has already
 * decided (--color, NO_COLOR, TTY), so that check is turned off. @types/node 20 lacks the option.
 */
const style = styleText as (format: Style, text: string, options?: { validateStream?: boolean }) => string;

export const STATUS_STYLE: Record<Status, Style> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
  error: 'magenta',
};

export function painter(colour: boolean) {
  return (format: Style, text: string) => (colour ? style(format, text, { validateStream: false }) : text);
}
