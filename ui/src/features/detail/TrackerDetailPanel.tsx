import { Badge, Button, Group, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Blockable } from '../../components/Blockable';
import type { TrackerDetail } from '../../types';
import { ErrorBanner } from '../errors/ErrorBanner';
import { OFFLINE_WHY } from '../trackers/offline';
import { ContextLine } from '../workspace/ContextLine';
import type { Scope } from '../workspace/selection';
import { DetailFields } from './DetailFields';
import { useTracker } from './useTracker';
import { PanelBoundary } from '../../components/PanelBoundary';
import { SidePane } from '../../components/SidePane';

interface Props {
  scope: Scope;
  id?: string;
  /** A dialog opened from the panel is on top: when it closes, the keyboard comes back here. */
  covered: boolean;
  onClose: () => void;
  onEdit: (t: TrackerDetail) => void;
  onDisable: (t: TrackerDetail) => void;
  onDni: () => void;
  /** This tracker's changes, in History. */
  onHistory?: (t: TrackerDetail) => void;
  /** Disabled trackers: the create form, prefilled from the tracker's last active state. */
  onRecreate: (t: TrackerDetail) => void;
  canRecreate: boolean;
  /** CallRail can't be reached: Edit, Disable and Recreate wait until it can. */
  offline: boolean;
  recreating: boolean;
  recreateError: unknown;
}

/** The tracker's details in a pane beside the table, which stays in use: ↓ shows the next one's. */
export function TrackerDetailPanel(props: Props) {
  const { scope, id, covered, onClose, onEdit, onDisable, onDni, onHistory } = props;
  const tracker = useTracker(scope, id);
  const t = tracker.data;
  const why = props.offline ? OFFLINE_WHY : null;
  // When the dialog on top closes, the keyboard comes back into the panel (its first button),
  // not to whatever was focused before the panel opened.
  const body = useRef<HTMLDivElement>(null);
  const wasCovered = useRef(covered);
  useEffect(() => {
    if (wasCovered.current && !covered && id) {
      requestAnimationFrame(() => body.current?.querySelector<HTMLElement>('button:not([disabled])')?.focus());
    }
    wasCovered.current = covered;
  }, [covered, id]);
  return (
    <SidePane title="Tracker details" storageKey="trackerDesk.detailWidth" initialWidth={440} onClose={onClose} testId="detail-pane">
      <PanelBoundary name="The tracker’s details">
        <Stack gap="md" data-testid="tracker-detail" data-id={id} ref={body}>
          <ContextLine />
          {tracker.isError && <ErrorBanner error={tracker.error} onRetry={() => void tracker.refetch()} />}
          {tracker.isPending && id && <Skeleton height={320} aria-label="Loading the tracker" />}
          {t && (
            <>
              <Title order={3} size="h2">
                {t.name}
              </Title>
              <Group gap="xs">
                <Badge color={t.status === 'active' ? 'green' : 'gray'}>{t.status === 'active' ? 'Active' : 'Disabled'}</Badge>
                <Badge variant="light">{t.type === 'session' ? 'Session tracker (pool)' : 'Source tracker'}</Badge>
                {t.always_swap && (
                  <Badge variant="light" color="orange">
                    Swaps on every visit
                  </Badge>
                )}
              </Group>
              <Group gap="xs">
                {t.status === 'active' && (
                  <>
                    <Blockable reason={why} id="offline-why-edit">
                      {(d) => (
                        <Button data-testid="edit-tracker" disabled={!!why} aria-describedby={d} onClick={() => onEdit(t)}>
                          Edit
                        </Button>
                      )}
                    </Blockable>
                    <Blockable reason={why} id="offline-why-disable">
                      {(d) => (
                        <Button color="red" variant="light" data-testid="disable-tracker" disabled={!!why} aria-describedby={d} onClick={() => onDisable(t)}>
                          Disable…
                        </Button>
                      )}
                    </Blockable>
                  </>
                )}
                {t.status !== 'active' && (
                  <Blockable reason={props.canRecreate ? why : null} id="offline-why-recreate">
                    {(d) => (
                      <Button
                        data-testid="recreate-tracker"
                        loading={props.recreating}
                        disabled={!props.canRecreate || !!why}
                        aria-describedby={d}
                        onClick={() => props.onRecreate(t)}
                      >
                        Recreate with new numbers…
                      </Button>
                    )}
                  </Blockable>
                )}
                {t.type === 'session' && (
                  <Button variant="default" data-testid="show-dni" onClick={onDni}>
                    Website snippet (DNI)
                  </Button>
                )}
                {onHistory && (
                  <Button variant="default" data-testid="tracker-history" onClick={() => onHistory(t)}>
                    History
                  </Button>
                )}
              </Group>
              {props.recreateError != null && <ErrorBanner error={props.recreateError} />}
              {t.status !== 'active' && (
                <Text size="sm" c="dimmed">
                  This tracker is disabled: its numbers were released, and CallRail does not let it be changed or turned back on.
                  Its call history is kept in CallRail. Recreating it makes a new tracker like it, with new numbers.
                </Text>
              )}
              <DetailFields t={t} />
            </>
          )}
        </Stack>
      </PanelBoundary>
    </SidePane>
  );
}
