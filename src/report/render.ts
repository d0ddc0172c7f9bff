// Picks the renderer for an output format. Every renderer is a pure function of the report.
import type { FailOn } from '../exit-codes';
import type { CheckInfo, Report } from '../model';
import { renderJson, renderJsonChunks } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderTable } from './table';

import type { OutputFormat } from './formats';

export { OUTPUT_FORMATS, type OutputFormat } from './formats';

export interface RenderOptions {
  /** The checks that ran, as data: SARIF's rules. */
  checks: readonly CheckInfo[];
  /** The steps before the checks that can report a result (listing, reading a file): rules when they do. */
  steps?: readonly CheckInfo[];
  failOn: FailOn;
  colour: boolean;
  width: number;
  /** The table only: list only what warns, fails or could not be checked (--quiet). */
  quiet?: boolean;
}

export function render(format: OutputFormat, report: Report, options: RenderOptions): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report, options.checks, options.steps);
    case 'junit':
      return renderJunit(report, options.failOn);
    case 'markdown':
      return renderMarkdown(report);
    case 'table':
      return renderTable(report, { colour: options.colour, width: options.width, quiet: options.quiet });
  }
}

/** The same text in pieces: JSON a few results at a time (a large report is never one string), the rest whole. */
export function renderChunks(format: OutputFormat, report: Report, options: RenderOptions): Iterable<string> {
  return format === 'json' ? renderJsonChunks(report) : [render(format, report, options)];
}
