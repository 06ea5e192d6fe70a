import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { commands } from '../../bindings';
import type { FormCheck, TrackerForm } from '../../types';

async function run(json: string): Promise<FormCheck> {
  try {
    return await commands.checkTracker(JSON.parse(json) as TrackerForm);
  } catch (e) {
    // The command itself cannot fail; only a form the Rust side could not even read ends up here.
    throw e instanceof Error ? e : new Error(`The form could not be checked: ${String(e)}`);
  }
}

const checkKey = (json: string) => ['check', json] as const;

/** The Rust rules' verdict on the form, 250 ms after the last keystroke, and right away on submit. */
export function useFormCheck(form: TrackerForm) {
  const qc = useQueryClient();
  const json = JSON.stringify(form);
  const [debounced] = useDebouncedValue(json, 250);
  const query = useQuery({
    queryKey: checkKey(debounced),
    queryFn: () => run(debounced),
    staleTime: Infinity,
    placeholderData: keepPreviousData,
  });
  return {
    check: query.data,
    error: query.error,
    /** Up to date with what is on screen now, not 250 ms ago. */
    current: query.data !== undefined && debounced === json && !query.isPlaceholderData,
    checkNow: () => qc.fetchQuery({ queryKey: checkKey(json), queryFn: () => run(json), staleTime: Infinity }),
  };
}
