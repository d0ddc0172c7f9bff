// The one place that decides colours. Renderers ask for a style; with colour off it is plain text.
import { styleText } from 'node:util';
import type { Status } from '../model';

type Style = Parameters<typeof styleText>[0];

export const STATUS_STYLE: Record<Status, Style> = {
  pass: 'green',
  warn: 'yellow',
  fail: 'red',
  skip: 'gray',
  error: 'magenta',
};

export function painter(colour: boolean) {
  return (style: Style, text: string) => (colour ? styleText(style, text) : text);
}
