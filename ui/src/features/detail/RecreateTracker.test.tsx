import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { withTables } from '../../test/tables';
import { describe, expect, it } from 'vitest';
import { row } from '../../test/fixtures';
import { OLD_BILLBOARD } from '../../test/journal';
import { renderInApp, scope } from '../../test/render';
import type { TrackerForm } from '../../types';
import { RECREATE_NOTE } from '../create/CreateTrackerModal';
import { TrackersScreen } from '../trackers/TrackersScreen';

const FORM: TrackerForm = {
  kind: 'session',
  company_id: 'COM1',
  name: 'Old pool',
  destination: '(404) 555-0100',
  area_code: '404',
  toll_free: false,
  pool_size: 12,
  source: null,
  whisper: null,
  greeting: null,
  record_calls: false,
  sms_enabled: false,
  swap_targets: ['(404) 555-0100', '(404) 555-0199'],
  campaign_name: null,
};

describe('recreate from the detail panel', () => {
  it('is offered for a disabled tracker only, and opens the create form prefilled with the note', async () => {
    const calls: { cmd: string; args: Record<string, unknown> }[] = [];
    mockIPC(withTables((cmd, raw) => {
      const args = raw as Record<string, unknown>;
      calls.push({ cmd, args });
      switch (cmd) {
        case 'cached_trackers':
          return null;
        case 'list_trackers':
          return { rows: [row(7, { id: 'TRK7', name: 'Old billboard', status: 'disabled' })], page: 1, per_page: 100, total_pages: 1, total_records: 1 };
        case 'get_tracker':
          return OLD_BILLBOARD;
        case 'recreate_form':
          return FORM;
        case 'check_tracker':
          return { errors: [], numbers_to_provision: 12, cost_line: 'This provisions 12 numbers (area code 404), billed monthly by CallRail.' };
        default:
          throw new Error(`unexpected ${cmd}`);
      }
    }));
    renderInApp(<TrackersScreen scope={scope} />);
    const user = userEvent.setup({ delay: null });
    await user.click(await screen.findByTestId('tracker-row'));
    const panel = await screen.findByTestId('tracker-detail');
    const recreate = await within(panel).findByTestId('recreate-tracker');
    expect(within(panel).queryByTestId('edit-tracker')).not.toBeInTheDocument();
    await user.click(recreate);

    expect(await screen.findByTestId('recreate-note')).toHaveTextContent(RECREATE_NOTE);
    expect(calls.find((c) => c.cmd === 'recreate_form')?.args).toEqual({ connectionId: 'demo', accountId: 'ACC1', trackerId: 'TRK7' });
    expect(screen.getByTestId('field-name')).toHaveValue('Old pool');
    expect(screen.getByTestId('field-pool-size')).toHaveValue('12');
    expect(screen.getByTestId('field-record')).not.toBeChecked();
    expect(screen.getByTestId('field-swap-targets')).toHaveValue('(404) 555-0100\n(404) 555-0199');
    expect(screen.queryByTestId('field-source-type')).not.toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('cost-line')).toHaveTextContent('This provisions 12 numbers'));
  });
});
