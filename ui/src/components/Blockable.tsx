import { Tooltip, VisuallyHidden } from '@mantine/core';
import type { ReactNode } from 'react';

/**
 * A disabled button still says why: on hover, and to screen readers through the id it is given
 * (`children(id)` goes on the button as `aria-describedby`).
 */
export function Blockable({ reason, id, children }: { reason: string | null; id: string; children: (why?: string) => ReactNode }) {
  if (!reason) return <>{children()}</>;
  return (
    <Tooltip label={reason} multiline w={240}>
      <span>
        {children(id)}
        <VisuallyHidden id={id}>{reason}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}
