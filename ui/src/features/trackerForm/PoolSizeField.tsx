import { NumberInput, Stack } from '@mantine/core';
import type { FormKit } from './formState';
import { POOL_MAX, POOL_MIN } from './poolSize';
import { PoolSizeHelper } from './PoolSizeHelper';

interface Props<V extends { pool_size: number | '' }> {
  kit: FormKit<V>;
  /** The current size when editing: a pool can only grow. */
  min?: number;
  description?: string;
  withHelper?: boolean;
}

export function PoolSizeField<V extends { pool_size: number | '' }>({ kit, min = POOL_MIN, description, withHelper }: Props<V>) {
  const setSize = (v: number | '') => kit.set('pool_size', v as V['pool_size']);
  return (
    <Stack gap={4}>
      <NumberInput
        data-testid="field-pool-size"
        data-field="pool_size"
        label="Pool size (numbers)"
        description={description ?? `How many numbers rotate on the website: ${POOL_MIN} to ${POOL_MAX}. Each one is billed monthly.`}
        min={min}
        max={POOL_MAX}
        // The Rust rules judge the value and say what is wrong; clamping would hide that.
        clampBehavior="none"
        allowNegative={false}
        allowDecimal={false}
        value={kit.values.pool_size}
        onChange={(v) => setSize(typeof v === 'number' ? v : v === '' ? '' : Number.isFinite(Number(v)) ? Number(v) : '')}
        error={kit.error('pool_size')}
      />
      {withHelper && <PoolSizeHelper onUse={setSize} />}
    </Stack>
  );
}
