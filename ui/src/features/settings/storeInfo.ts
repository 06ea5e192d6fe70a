import type { StoreInfo } from '../../types';

export const DEFAULT_DATABASE = 'tracker_desk';

/** "Now sharing history in tracker_desk; copied 12 entries". */
export function switchedText(info: StoreInfo): string {
  const n = info.copied_entries;
  const copied = n == null ? 'nothing was copied' : `copied ${n.toLocaleString()} ${n === 1 ? 'entry' : 'entries'}`;
  return `Now sharing history in ${info.database ?? 'the team database'}; ${copied}`;
}
