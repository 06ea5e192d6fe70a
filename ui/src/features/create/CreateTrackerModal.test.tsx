import { mockIPC } from '@tauri-apps/api/mocks';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { renderInApp, scope } from '../../test/render';
import type { FormCheck, TrackerForm } from '../../types';
import { CreateTrackerModal } from './CreateTrackerModal';

const POOL_ERROR = 'pool size must be between 4 and 50 numbers (got 3)';

/** Answers check_tracker the way the Rust rules would for the few cases these tests type. */
function rules(form: TrackerForm): FormCheck {
  const errors = [];
  if (!form.name.trim()) errors.push({ field: 'name', message: 'a name is required' });
  if (form.pool_size != null && (form.pool_size < 4 || form.pool_size > 50)) {
    errors.push({ field: 'pool_size', message: `pool size must be between 4 and 50 numbers (got ${form.pool_size})` });
  }
  if (errors.length) return { errors, numbers_to_provision: null, cost_line: null };
  const n = form.pool_size ?? 1;
  return { errors: [], numbers_to_provision: n, cost_line: `This provisions ${n} numbers (area code 404), billed monthly by CallRail.` };
}

/** Pastes a whole value at once: one change instead of a render per keystroke. */
async function fill(user: ReturnType<typeof userEvent.setup>, el: HTMLElement, text: string) {
  await user.click(el);
  await user.paste(text);
}

function setup(kind: 'source' | 'session' = 'session', onClose: () => void = () => undefined) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  mockIPC((cmd, args) => {
    const a = args as Record<string, unknown>;
    calls.push({ cmd, args: a });
    if (cmd === 'check_tracker') return rules(a.form as TrackerForm);
    if (cmd === 'create_tracker') {
      const form = a.form as TrackerForm;
      return { tracker: { id: 'TRK9', name: form.name, type: form.kind }, reconciled: null, warnings: [] };
    }
    throw new Error(`unexpected command ${cmd}`);
  });
  const onCreated = vi.fn();
  renderInApp(<CreateTrackerModal scope={scope} kind={kind} onClose={onClose} onCreated={onCreated} />);
  return { calls, onCreated, user: userEvent.setup({ delay: null }) };
}

describe('create session tracker form', () => {
  it('shows the Rust rule for pool size 3 next to the field, and the cost line once valid', async () => {
    const { user } = setup();
    await fill(user, await screen.findByTestId('field-name'), 'Website visitors');
    await fill(user, screen.getByTestId('field-destination'), '404-555-0100');
    const pool = screen.getByTestId('field-pool-size');
    await user.clear(pool);
    await user.type(pool, '3');

    const error = await screen.findByTestId('error-pool_size');
    expect(error).toHaveTextContent(POOL_ERROR);
    // The message is wired to the input it is about.
    expect(pool).toHaveAttribute('aria-invalid', 'true');
    expect(screen.queryByTestId('cost-line')).not.toBeInTheDocument();

    await user.clear(pool);
    await user.type(pool, '8');
    expect(await screen.findByTestId('cost-line')).toHaveTextContent(
      'This provisions 8 numbers (area code 404), billed monthly by CallRail.',
    );
    expect(screen.queryByTestId('error-pool_size')).not.toBeInTheDocument();
  });

  it('confirms the number count before creating', async () => {
    const { user, calls, onCreated } = setup();
    await fill(user, await screen.findByTestId('field-name'), 'Website visitors');
    await fill(user, screen.getByTestId('field-destination'), '404-555-0100');
    await user.click(screen.getByTestId('form-submit'));

    const confirm = await screen.findByTestId('confirm-create');
    expect(confirm).toHaveTextContent('Buy 8 numbers and create');
    expect(screen.getAllByTestId('context-line')[0]).toHaveTextContent('Peachtree Marketing › Acme Plumbing');
    await user.click(confirm);

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(expect.objectContaining({ id: 'TRK9' })));
    const create = calls.find((c) => c.cmd === 'create_tracker');
    expect(create?.args).toMatchObject({
      connectionId: 'demo',
      accountId: 'ACC1',
      confirmedNumbers: 8,
      form: { kind: 'session', company_id: 'COM1', name: 'Website visitors', pool_size: 8, record_calls: true },
    });
  });

  it('does not show errors for fields not yet touched, but shows them all on submit', async () => {
    const { user } = setup();
    await screen.findByTestId('field-name');
    expect(screen.queryByTestId('error-name')).not.toBeInTheDocument();
    await user.click(screen.getByTestId('form-submit'));
    expect(await screen.findByTestId('error-name')).toHaveTextContent('a name is required');
    expect(screen.getByTestId('field-name')).toHaveFocus();
    expect(screen.queryByTestId('confirm-create')).not.toBeInTheDocument();
  });
});

describe('buying once', () => {
  /** A create whose answer CallRail lost: the Rust side says the outcome is unknown. */
  function setupUnknown() {
    const creates: unknown[] = [];
    mockIPC((cmd, args) => {
      const a = args as Record<string, unknown>;
      if (cmd === 'check_tracker') return rules(a.form as TrackerForm);
      if (cmd === 'create_tracker') {
        creates.push(a);
        throw { kind: 'OutcomeUnknown', data: { message: 'CallRail did not confirm the tracker, and it could not be found yet' } };
      }
      throw new Error(`unexpected command ${cmd}`);
    });
    renderInApp(<CreateTrackerModal scope={scope} kind="session" onClose={() => undefined} onCreated={() => undefined} />);
    return { creates, user: userEvent.setup({ delay: null }) };
  }

  it('starts the purchase dialog on Back, not on Buy', async () => {
    const { user } = setup();
    await fill(user, await screen.findByTestId('field-name'), 'Website visitors');
    await fill(user, screen.getByTestId('field-destination'), '404-555-0100');
    await user.click(screen.getByTestId('form-submit'));
    await screen.findByTestId('confirm-create');
    await waitFor(() => expect(screen.getByTestId('confirm-back')).toHaveFocus());
    expect(screen.getByTestId('confirm-create')).not.toHaveFocus();
  });

  it('sends one create for a double click, and after an unknown outcome none again, even after Back', async () => {
    const { user, creates } = setupUnknown();
    await fill(user, await screen.findByTestId('field-name'), 'Website visitors');
    await fill(user, screen.getByTestId('field-destination'), '404-555-0100');
    await user.click(screen.getByTestId('form-submit'));
    await user.dblClick(await screen.findByTestId('confirm-create'));
    await waitFor(() => expect(screen.getByTestId('confirm-create')).toBeDisabled());
    expect(creates).toHaveLength(1);

    await user.click(screen.getByTestId('confirm-back'));
    await user.click(screen.getByTestId('form-submit'));
    const again = await screen.findByTestId('confirm-create');
    expect(again).toBeDisabled();
    expect(screen.getByTestId('create-locked')).toHaveTextContent('no known outcome');
    await user.click(again);
    expect(creates).toHaveLength(1);
  });
});

describe('form test ids', () => {
  it('sit on the inputs themselves', async () => {
    setup('source');
    const tags: Record<string, string> = {
      'field-name': 'INPUT',
      'field-destination': 'INPUT',
      'field-area-code': 'INPUT',
      'field-toll-free': 'INPUT',
      'field-source-type': 'SELECT',
      'field-whisper': 'INPUT',
      'field-greeting': 'INPUT',
      'field-record': 'INPUT',
      'field-sms': 'INPUT',
      'field-swap-targets': 'TEXTAREA',
      'field-campaign': 'INPUT',
      'form-submit': 'BUTTON',
    };
    await screen.findByTestId('field-name');
    for (const [id, tag] of Object.entries(tags)) expect(screen.getByTestId(id).tagName, id).toBe(tag);
    expect(screen.getByTestId('field-source-type').querySelectorAll('option')).toHaveLength(12);
  });

  it('put the pool size on a number input, and disable the area code for toll-free', async () => {
    const { user } = setup('session');
    expect((await screen.findByTestId('field-pool-size')).tagName).toBe('INPUT');
    await user.click(screen.getByTestId('field-toll-free'));
    expect(screen.getByTestId('field-area-code')).toBeDisabled();
  });
});

describe('a half-filled form', () => {
  it('closes at once while untouched', async () => {
    const onClose = vi.fn();
    const { user } = setup('source', onClose);
    await user.click(await screen.findByTestId('form-cancel'));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('asks before Cancel or Esc discards what was typed', async () => {
    const onClose = vi.fn();
    const { user } = setup('source', onClose);
    await fill(user, await screen.findByTestId('field-name'), 'Billboard I-85');
    await user.click(screen.getByTestId('form-cancel'));
    expect(await screen.findByText('Discard what you typed?')).toBeInTheDocument();
    await user.click(screen.getByTestId('discard-keep'));
    await waitFor(() => expect(screen.queryByText('Discard what you typed?')).not.toBeInTheDocument());
    expect(screen.getByTestId('field-name')).toHaveValue('Billboard I-85');
    expect(onClose).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('field-name'));
    await user.keyboard('{Escape}');
    await user.click(await screen.findByTestId('discard-confirm'));
    expect(onClose).toHaveBeenCalledOnce();
  });
});
