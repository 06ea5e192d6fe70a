import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { commands, type SelectionChange } from '../../bindings';
import { unwrap } from '../../api';
import type { FilePlan } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import type { Scope } from '../workspace/selection';
import { StickyFooter } from '../../components/StickyFooter';
import { LIST_PRICES, usePrices } from '../usage/queries';

type Asked = 'destination' | 'add_swap_target';

interface Props {
  scope: Scope;
  ids: string[];
  offline: boolean;
  onClear: () => void;
  /** The plan of the change, to show on the Bulk screen before anything is sent. */
  onPlan: (plan: FilePlan) => void;
}

/** What can be done to the ticked trackers at once; each makes a plan, shown like a file's. */
export function SelectionBar({ scope, ids, offline, onClear, onPlan }: Props) {
  const [asked, setAsked] = useState<Asked | null>(null);
  const [number, setNumber] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  // The prices kept in Costs and usage.
  const prices = usePrices().data ?? LIST_PRICES;

  const plan = async (change: SelectionChange) => {
    setBusy(true);
    setError(null);
    try {
      onPlan(await unwrap(commands.bulkPlanSelection(scope.conn, scope.acc, scope.company, ids, change, prices)));
      setAsked(null);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Group gap="xs" data-testid="selection-bar">
        <Text size="sm" fw={600} data-testid="selection-count">
          {ids.length} selected
        </Text>
        <Button size="xs" variant="default" disabled={offline} onClick={() => setAsked('destination')} data-testid="selection-destination">
          Change destination…
        </Button>
        <Button size="xs" variant="default" disabled={offline} onClick={() => setAsked('add_swap_target')} data-testid="selection-swap-target">
          Add swap target…
        </Button>
        <Button size="xs" variant="default" color="red" disabled={offline} loading={busy && asked === null} onClick={() => void plan({ kind: 'disable' })} data-testid="selection-disable">
          Disable {ids.length}…
        </Button>
        <Button size="xs" variant="subtle" onClick={onClear} data-testid="selection-clear">
          Clear selection
        </Button>
      </Group>
      {error !== null && asked === null && <ErrorBanner error={error} />}
      <Modal
        opened={asked !== null}
        onClose={() => setAsked(null)}
        title={asked === 'destination' ? `Calls to ${ids.length} tracker(s) go to…` : `swap.js also swaps, on ${ids.length} pool(s)…`}
      >
        <Stack gap="sm">
          <TextInput
            label={asked === 'destination' ? 'Destination number' : 'The website number to swap'}
            placeholder="(404) 555-0100"
            value={number}
            onChange={(e) => setNumber(e.currentTarget.value)}
            data-testid="selection-number"
          />
          {error !== null && <ErrorBanner error={error} />}
          <Text size="xs" c="dimmed">
            Nothing is sent yet: the next screen shows the plan, tracker by tracker.
          </Text>
          <StickyFooter>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAsked(null)}>
                Back
              </Button>
              <Button
                loading={busy}
                disabled={!number.trim()}
                data-testid="selection-plan"
                onClick={() => void plan(asked === 'destination' ? { kind: 'destination', number } : { kind: 'add_swap_target', number })}
              >
                See the plan
              </Button>
            </Group>
          </StickyFooter>
        </Stack>
      </Modal>
    </>
  );
}
