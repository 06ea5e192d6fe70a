import type { FieldError } from '../../types';

/** What each TrackerForm / TrackerChanges field is called on screen. */
export const FIELD_LABELS: Record<string, string> = {
  name: 'Name',
  destination: 'Destination number',
  area_code: 'Area code',
  toll_free: 'Toll-free',
  pool_size: 'Pool size',
  source: 'Source type',
  landing: 'Landing page',
  referrer: 'Referring website',
  search_engine: 'Search engine',
  search_type: 'Search type',
  whisper: 'Whisper message',
  greeting: 'Greeting',
  record_calls: 'Record calls',
  sms_enabled: 'Text messages (SMS)',
  swap_targets: 'Swap targets',
  campaign_name: 'Campaign name',
  company_id: 'Company',
  confirm_name: 'Tracker name',
  status: 'Status',
  uri: 'Connection string',
  database: 'Database name',
};

export function fieldLabel(field: string): string {
  return FIELD_LABELS[field] ?? field;
}

export type FieldErrorMap = Partial<Record<string, string>>;

/** Groups the Rust rules' errors by the field they name (several rules may break on one field). */
export function byField(errors: readonly FieldError[]): FieldErrorMap {
  const out: FieldErrorMap = {};
  for (const e of errors) out[e.field] = out[e.field] ? `${out[e.field]}; ${e.message}` : e.message;
  return out;
}

/** The inline error under a field, marked so the end-to-end tests can read it as `error-<field>`. */
export function fieldError(errors: FieldErrorMap, field: string) {
  const message = errors[field];
  return message ? <span data-testid={`error-${field}`}>{message}</span> : undefined;
}
