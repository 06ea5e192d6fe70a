import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { commands } from '../../bindings';
import { keys, unwrap } from '../../api';
import type { Prices } from '../../types';

/** CallRail's list prices until the person sets others. */
export const LIST_PRICES: Prices = { local: 3, toll_free: 5 };

/** What numbers cost a month, as kept: the usage report and bulk plans both count with them. */
export function usePrices() {
  return useQuery({ queryKey: keys.prices, queryFn: () => unwrap(commands.usagePrices()), staleTime: Infinity });
}

export function useSavePrices() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (prices: Prices) => unwrap(commands.setUsagePrices(prices)),
    onSuccess: (saved) => qc.setQueryData(keys.prices, saved),
  });
}

/** "$3.00". */
export function money(amount: number | null | undefined): string {
  return (amount ?? 0).toLocaleString('en-US', { style: 'currency', currency: 'USD' });
}
