import type { JournalEntry } from '../types';
import { detail } from './fixtures';

export function entry(over: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'E1',
    created_at: '2026-03-02T15:04:05.123Z',
    completed_at: '2026-03-02T15:04:06Z',
    person: 'ana @ desk',
    connection_id: 'demo',
    connection: 'Demo agency',
    account_id: 'ACC1',
    company_id: 'COM1',
    tracker_id: 'TRK1',
    tracker_name: 'Billboard I-85',
    operation: 'create',
    request: '{"name":"Billboard I-85"}',
    state: 'succeeded',
    outcome: 'created',
    before: null,
    after: null,
    ...over,
  };
}

/** One of each kind the history screen treats differently. */
export const JOURNAL: JournalEntry[] = [
  entry({
    id: 'E5',
    operation: 'update',
    tracker_id: 'TRK5',
    tracker_name: 'Website pool',
    request: '{"name":"Spring pool","pool_size":10}',
    outcome: 'changed name, pool size',
    before: JSON.stringify({ id: 'TRK5', name: 'Website pool', pool_size: 8 }),
    after: JSON.stringify({ id: 'TRK5', name: 'Spring pool', pool_size: 10 }),
  }),
  entry({ id: 'E4', operation: 'disable', tracker_id: 'TRK7', tracker_name: 'Old billboard', outcome: 'disabled', person: 'ben @ laptop' }),
  entry({ id: 'E3', operation: 'create', tracker_id: null, tracker_name: 'Radio spot', state: 'intended', outcome: null, company_id: 'COM2', completed_at: null }),
  entry({ id: 'E2', operation: 'update', state: 'failed', outcome: 'CallRail refused: bad destination', account_id: 'ACC9', company_id: 'COM99' }),
  entry({ id: 'E1', state: 'unknown', outcome: 'the answer was lost' }),
  entry({ id: 'E0', operation: 'update', connection_id: 'other', connection: 'Other agency', account_id: 'ACC9', company_id: 'COM9' }),
];

export const OLD_BILLBOARD = detail({ id: 'TRK7', name: 'Old billboard', status: 'disabled', disabled_at: '2026-03-01T00:00:00Z' });
