import { Alert } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { ReviewChangesModal } from '../edit/ReviewChangesModal';
import { useUpdateTracker } from '../trackers/mutations';
import { SelectionContext } from '../workspace/selection';
import { changedPoolSize } from './filter';
import type { RevertPlan } from './queries';
import type { Target } from './target';

interface Props {
  target: Target;
  plan: RevertPlan;
  onClose: () => void;
}

/** The edit review, with the inverse of a journaled update: before/after, then the same update_tracker. */
export function RevertModal({ target, plan, onClose }: Props) {
  const { entry, changes, preview } = plan;
  const update = useUpdateTracker(target.scope, entry.tracker_id ?? '');
  const confirm = () =>
    update.mutate(
      { changes, extra: preview.extra_numbers },
      {
        onSuccess: ({ tracker: t }) => {
          notifications.show({ color: 'green', title: 'Change reverted', message: `“${t.name}” was put back in CallRail.` });
          onClose();
        },
      },
    );
  return (
    <SelectionContext.Provider value={target.selection}>
      <ReviewChangesModal
        name={entry.tracker_name}
        title={`Revert the change to “${entry.tracker_name}”?`}
        backLabel="Cancel"
        preview={preview}
        pending={update.isPending}
        error={update.isError ? update.error : null}
        onBack={onClose}
        onConfirm={confirm}
        note={
          changedPoolSize(entry) && (
            <Alert color="blue" variant="light" data-testid="revert-pool-note">
              The pool size cannot be reverted: pools only grow, so the numbers this change added stay in the pool, and on
              the bill.
            </Alert>
          )
        }
      />
    </SelectionContext.Provider>
  );
}
