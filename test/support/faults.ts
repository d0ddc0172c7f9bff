// Every way an AWS call can go wrong, as the local endpoint can play it (test/support/aws-endpoint.ts).
import type { OperationName } from '../../src/aws/operations';
import type { Fault } from './aws-endpoint';

export const FAULTS: Record<string, Fault> = {
  denied: { kind: 'deny' },
  'throttled twice, then answered': { kind: 'throttle', times: 2 },
  'throttled for good': { kind: 'throttle', times: 'always' },
  'HTTP 500': { kind: 'http500' },
  'connection reset': { kind: 'reset' },
  'slower than the timeout': { kind: 'slow', ms: 1500 },
  'malformed body': { kind: 'malformed' },
  'empty answer': { kind: 'empty' },
};

/** Listing is for services and clusters, not one task: test/fleet.test.ts gives those their faults. */
export const LISTING_OPERATIONS = new Set<OperationName>(['ecs:ListServices', 'ecs:ListTasks']);
