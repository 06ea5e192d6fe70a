import type { TrackerDetail, TrackerRow } from '../types';

export function row(i: number, over: Partial<TrackerRow> = {}): TrackerRow {
  const session = i % 5 === 0;
  const n = String(1000 + (i % 9000)).padStart(4, '0');
  return {
    id: `TRK${i}`,
    name: `${session ? 'Website pool' : 'Billboard'} ${String(i).padStart(5, '0')}`,
    type: session ? 'session' : 'source',
    status: 'active',
    numbers: session ? Array.from({ length: 8 }, (_, k) => `(404) 555-${String(1000 + k)}`) : [`(470) 555-${n}`],
    pool_size: session ? 8 : 1,
    destination: '(404) 555-0100',
    source: session ? 'All traffic' : i % 2 ? 'Offline' : 'Google search (paid)',
    recording: true,
    created_at: '2024-03-01T10:00:00Z',
    disabled_at: null,
    ...over,
  };
}

export function detail(over: Partial<TrackerDetail> = {}): TrackerDetail {
  return {
    ...row(1),
    id: 'TRK1',
    name: 'Billboard I-85',
    numbers: ['(470) 555-0142'],
    company_id: 'COM1',
    company_name: 'Acme Plumbing',
    tracking_numbers: ['+14705550142'],
    call_flow: {
      kind: 'basic',
      destination: '(404) 555-0100',
      recording: true,
      greeting: 'This call may be recorded.',
      greeting_recording_url: null,
      steps: [],
    },
    whisper: 'Billboard call',
    sms_enabled: false,
    sms_supported: true,
    swap_targets: null,
    campaign_name: null,
    always_swap: false,
    ...over,
  };
}
