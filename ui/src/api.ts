// The one door to the Rust side: every command result goes through `unwrap`, so a failure becomes an
// `IpcFailure` that TanStack Query keeps as the query's or mutation's error, typed by its kind.
import type { FieldError, IpcError } from './types';

type CommandResult<T> = { status: 'ok'; data: T } | { status: 'error'; error: IpcError };

export class IpcFailure extends Error {
  readonly error: IpcError;

  constructor(error: IpcError) {
    super(describe(error));
    this.name = 'IpcFailure';
    this.error = error;
  }

  get kind(): IpcError['kind'] {
    return this.error.kind;
  }
}

function describe(error: IpcError): string {
  if (error.kind === 'Validation') {
    return error.data.errors.map((e) => `${e.field}: ${e.message}`).join('; ') || 'Some fields need attention';
  }
  // A kind this build does not know yet still says what it carries.
  const message: unknown = (error.data as { message?: unknown }).message;
  return typeof message === 'string' ? message : JSON.stringify(error.data);
}

/** Whether a rejection is the Rust side's typed error, not a bare string from Tauri itself. */
function isIpcError(e: unknown): e is IpcError {
  if (typeof e !== 'object' || e === null || !('kind' in e) || !('data' in e)) return false;
  const data = (e as { data: unknown }).data;
  return typeof data === 'object' && data !== null;
}

/**
 * Resolves to the command's data, or throws an `IpcFailure` carrying the command's typed error. A
 * rejection that is not one (Tauri's own, such as a command that could not be called, is a plain
 * string) becomes an `Error` with its text, so it is shown as it is.
 */
export async function unwrap<T>(call: Promise<CommandResult<T>>): Promise<T> {
  const result = await call;
  if (result.status === 'ok') return result.data;
  const error: unknown = result.error;
  if (isIpcError(error)) throw new IpcFailure(error);
  throw new Error(typeof error === 'string' && error ? error : `Unexpected answer from Tracker Desk: ${JSON.stringify(error)}`);
}

export function isIpcFailure(e: unknown): e is IpcFailure {
  return e instanceof IpcFailure;
}

/** The field errors a failed write carried (Validation only), to show next to the fields they name. */
export function validationErrors(e: unknown): FieldError[] {
  return isIpcFailure(e) && e.error.kind === 'Validation' ? e.error.data.errors : [];
}

/** Query keys, nested so that invalidating a prefix refreshes everything below it. */
export const keys = {
  connections: ['connections'] as const,
  apiOverride: ['apiOverride'] as const,
  startupProblem: ['startupProblem'] as const,
  accounts: (conn: string) => ['accounts', conn] as const,
  companies: (conn: string, acc: string) => ['companies', conn, acc] as const,
  trackers: (conn: string, acc: string, company: string) => ['trackers', conn, acc, company] as const,
  /** The last-seen copy of a list (kept by the journal's store), apart so it never counts as a live answer. */
  cachedTrackers: (conn: string, acc: string, company: string, request: object) =>
    ['trackersCache', conn, acc, company, request] as const,
  trackersCache: ['trackersCache'] as const,
  tracker: (conn: string, acc: string, id: string) => ['tracker', conn, acc, id] as const,
  /** Account-wide search: the last-seen copies (`askCallrail` false) or CallRail read whole. */
  accountSearch: (conn: string, acc: string, term: string, askCallrail: boolean) =>
    ['accountSearch', conn, acc, term, askCallrail] as const,
  dni: (conn: string, acc: string, company: string) => ['dni', conn, acc, company] as const,
  /** Every history query; invalidate this prefix after any write (failed writes are journaled too). */
  history: ['history'] as const,
  historyList: (filter: object) => ['history', filter] as const,
  /** The name History gives this person's changes. */
  person: ['person'] as const,
  /** Where the journal is kept: this computer or the team's MongoDB. */
  storeInfo: ['storeInfo'] as const,
  /** What is left of an account's CallRail requests. */
  quota: (conn: string, acc: string) => ['quota', conn, acc] as const,
  /** What numbers cost a month, kept for usage reports and bulk plans. */
  prices: ['prices'] as const,
  /** Bulk runs, newest first. */
  bulkRuns: ['bulkRuns'] as const,
  /** A newer version of the app, asked for once at start. */
  update: ['update'] as const,
};
