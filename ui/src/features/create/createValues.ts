import type { TrackerKind } from '../../bindings';
import type { TrackerForm } from '../../types';
import { splitTargets } from '../trackerForm/formState';
import { needsLanding } from './sourceTypes';

/** The create form as typed: keys are TrackerForm's, so the Rust rules' errors name them directly. */
export interface CreateValues {
  name: string;
  destination: string;
  area_code: string;
  toll_free: boolean;
  pool_size: number | '';
  whisper: string;
  greeting: string;
  record_calls: boolean;
  sms_enabled: boolean;
  swap_targets: string;
  campaign_name: string;
  source: string;
  landing: string;
  referrer: string;
  search_engine: string;
  search_type: string;
}

export function initialValues(kind: TrackerKind): CreateValues {
  return {
    name: '',
    destination: '',
    area_code: '',
    toll_free: false,
    pool_size: kind === 'session' ? 8 : '',
    whisper: '',
    greeting: '',
    record_calls: true,
    sms_enabled: false,
    swap_targets: '',
    campaign_name: '',
    source: 'offline',
    landing: '',
    referrer: '',
    search_engine: 'all',
    search_type: 'all',
  };
}

/** The form filled from a TrackerForm the Rust side sent (recreating a disabled tracker). */
export function fromTrackerForm(form: TrackerForm): CreateValues {
  const base = initialValues(form.kind);
  const src = form.source;
  return {
    ...base,
    name: form.name,
    destination: form.destination,
    area_code: form.area_code ?? '',
    toll_free: form.toll_free ?? false,
    pool_size: form.kind === 'session' ? (form.pool_size ?? base.pool_size) : '',
    whisper: form.whisper ?? '',
    greeting: form.greeting ?? '',
    record_calls: form.record_calls ?? base.record_calls,
    sms_enabled: form.sms_enabled ?? false,
    swap_targets: (form.swap_targets ?? []).join('\n'),
    campaign_name: form.campaign_name ?? '',
    source: src?.kind || base.source,
    landing: src?.landing ?? '',
    referrer: src?.referrer ?? '',
    search_engine: src?.search_engine ?? base.search_engine,
    search_type: src?.search_type ?? base.search_type,
  };
}

const text = (s: string) => (s.trim() ? s : null);

export function toTrackerForm(kind: TrackerKind, companyId: string, v: CreateValues): TrackerForm {
  const source = kind === 'source';
  return {
    kind,
    company_id: companyId,
    name: v.name,
    destination: v.destination,
    area_code: v.toll_free ? null : text(v.area_code),
    toll_free: v.toll_free,
    pool_size: kind === 'session' ? (v.pool_size === '' ? null : v.pool_size) : null,
    source: source
      ? {
          kind: v.source,
          landing: needsLanding(v.source) ? v.landing : null,
          referrer: v.source === 'web_referrer' ? v.referrer : null,
          search_engine: v.source === 'search' ? v.search_engine : null,
          search_type: v.source === 'search' ? v.search_type : null,
        }
      : null,
    whisper: text(v.whisper),
    greeting: text(v.greeting),
    record_calls: v.record_calls,
    sms_enabled: source && v.sms_enabled,
    swap_targets: splitTargets(v.swap_targets),
    campaign_name: source ? text(v.campaign_name) : null,
  };
}
