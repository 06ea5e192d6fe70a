import { mockIPC } from '@tauri-apps/api/mocks';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import type { RunView } from '../../types';
import { renderInApp } from '../../test/render';
import { UnfinishedRuns } from './UnfinishedRuns';

function view(over: Partial<RunView['counts']>, state: RunView['run']['state'] = 'running', active = false): RunView {
  return {
    run: {
      id: `run-${state}`,
      created_at: '2026-11-30T10:00:00Z',
      updated_at: '2026-11-30T10:00:00Z',
      person: 'ana@desk1',
      connection_id: 'conn-1',
      account_id: 'ACC1',
      source: 'stores.csv',
      allow_disable: false,
      state,
      summary: {} as RunView['run']['summary'],
      rows: 10,
      reason: null,
    },
    counts: { pending: 0, done: 0, not_done: 0, unknown: 0, changed: 0, cancelled: 0, ...over },
    active,
    applied_by: active ? 'ben@desk2 until 2026-11-30T10:01:00Z' : null,
  };
}

describe('bulk runs left unfinished', () => {
  it('are said at start, with what is left, and open the Bulk screen', async () => {
    mockIPC((cmd) => {
      if (cmd !== 'bulk_runs') throw new Error(`unexpected ${cmd}`);
      return [
        view({ done: 4, pending: 5, unknown: 1 }),
        view({ pending: 3 }, 'cancelled'),
        view({ pending: 2 }, 'running', true),
        view({ done: 10 }, 'finished'),
      ];
    });
    let opened = 0;
    renderInApp(<UnfinishedRuns onOpen={() => opened++} />);
    expect(await screen.findByTestId('unfinished-runs')).toHaveTextContent('A bulk run did not finish: 6 row(s) left');
    await userEvent.click(screen.getByRole('button', { name: /open bulk/i }));
    expect(opened).toBe(1);
  });
});
