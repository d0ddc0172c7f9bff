// The report formats the CLI offers (the renderers themselves load only when a report is written).
export const OUTPUT_FORMATS = ['table', 'json', 'sarif', 'junit', 'markdown'] as const;
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];
