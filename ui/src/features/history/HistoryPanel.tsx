import { Drawer } from '@mantine/core';
import { useState } from 'react';
import { CreateTrackerModal } from '../create/CreateTrackerModal';
import { SelectionContext } from '../workspace/selection';
import { HistoryView, type HistoryOverlay } from './HistoryView';
import { RevertModal } from './RevertModal';
import { PanelBoundary } from '../../components/PanelBoundary';

interface Props {
  opened: boolean;
  /** Only this tracker's changes (opened from its detail panel). */
  trackerId?: string;
  trackerName?: string;
  onShowAll: () => void;
  onClose: () => void;
}

/** The journal of every change, across connections, in a wide drawer over the trackers. */
export function HistoryPanel({ opened, trackerId, trackerName, onShowAll, onClose }: Props) {
  const [overlay, setOverlay] = useState<HistoryOverlay>(null);
  const close = () => setOverlay(null);
  return (
    <>
      <Drawer
        opened={opened}
        onClose={onClose}
        position="right"
        size="92%"
        title="History of changes"
        // A dialog opened from here is on top: Esc closes that one, not the history.
        closeOnEscape={overlay === null}
      >
        {/* Mounted only while open: each opening reads the journal afresh, with the filters cleared. */}
        <PanelBoundary name="History">
          <HistoryView trackerId={trackerId} trackerName={trackerName} onShowAll={onShowAll} onOverlay={setOverlay} />
        </PanelBoundary>
      </Drawer>
      {overlay?.kind === 'recreate' && (
        <SelectionContext.Provider value={overlay.target.selection}>
          <CreateTrackerModal
            scope={overlay.target.scope}
            kind={overlay.form.kind}
            recreateFrom={overlay.form}
            onClose={close}
            onCreated={close}
          />
        </SelectionContext.Provider>
      )}
      {overlay?.kind === 'revert' && <RevertModal target={overlay.target} plan={overlay.plan} onClose={close} />}
    </>
  );
}
