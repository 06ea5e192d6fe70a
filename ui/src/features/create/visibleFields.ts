import type { TrackerKind } from '../../bindings';
import { needsLanding } from './sourceTypes';

/** The fields the create form shows, so an error naming any other field goes to the summary. */
export function visibleFields(kind: TrackerKind, source: string): string[] {
  const common = ['name', 'destination', 'area_code', 'toll_free', 'whisper', 'greeting', 'record_calls', 'swap_targets'];
  if (kind === 'session') return [...common, 'pool_size'];
  const extra = ['source', 'sms_enabled', 'campaign_name'];
  if (needsLanding(source)) extra.push('landing');
  if (source === 'web_referrer') extra.push('referrer');
  if (source === 'search') extra.push('search_engine', 'search_type');
  return [...common, ...extra];
}
