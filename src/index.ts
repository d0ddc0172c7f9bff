// The library: run the checks yourself, or render a report your way.
export { CHECKS, type Check } from './checks';
export { checkTargets, checkTask, type RunOptions, type RunOutcome } from './run';
export { runChecks } from './runner';
export { createFacts } from './aws/task-facts';
export { createLiveTransport } from './aws/live';
export { createSnapshotTransport, createRecorder, parseSnapshot, SNAPSHOT_VERSION, type Snapshot } from './aws/snapshot';
export { withKeptFields } from './aws/snapshot-fields';
export { OPERATION_NAMES, AwsCallError, type AwsTransport } from './aws/operations';
export { renderJson } from './report/json';
export { renderTable } from './report/table';
export { buildReport } from './report/report';
export { renderCatalogue, checkerPolicy, withCheckList } from './docs/catalogue';
export { exitCodeFor, EXIT } from './exit-codes';
export { UsageError } from './errors';
export type * from './model';
export type * from './facts';
