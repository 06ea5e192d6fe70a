import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it } from 'vitest';
import { renderInApp } from '../../test/render';
import type { FormKit } from './formState';
import { PoolSizeField } from './PoolSizeField';
import { recommendPoolSize } from './poolSize';

describe('recommendPoolSize', () => {
  it('follows about 1 number per 100 monthly visitors', () => {
    expect(recommendPoolSize(2000, 3).size).toBe(20);
    expect(recommendPoolSize(2050, 2).size).toBe(21);
  });

  it('grows with visits longer than a typical one', () => {
    const advice = recommendPoolSize(2000, 6);
    expect(advice.size).toBe(40);
    expect(advice.steps.join(' ')).toMatch(/6 minutes/);
  });

  it('never suggests fewer than 5, nor more than CallRail’s 50', () => {
    expect(recommendPoolSize(120, 1).size).toBe(5);
    expect(recommendPoolSize(0, 0).size).toBe(5);
    const busy = recommendPoolSize(100_000, 3);
    expect(busy).toMatchObject({ size: 50, capped: true });
    expect(busy.steps.at(-1)).toMatch(/4 to 50/);
  });
});

function Harness() {
  const [values, setValues] = useState<{ pool_size: number | '' }>({ pool_size: 8 });
  const kit: FormKit<{ pool_size: number | '' }> = {
    values,
    set: (k, v) => setValues((old) => ({ ...old, [k]: v })),
    error: () => undefined,
  };
  return <PoolSizeField kit={kit} withHelper />;
}

describe('pool-size helper', () => {
  it('explains its recommendation and fills the pool size on request', async () => {
    const user = userEvent.setup({ delay: null });
    renderInApp(<Harness />);
    await user.click(screen.getByTestId('pool-helper-toggle'));
    expect(screen.getByTestId('pool-helper')).toHaveTextContent('about 1 number per 100 monthly visitors, at least 5');
    await user.type(screen.getByTestId('pool-helper-visitors'), '2000');
    const minutes = screen.getByTestId('pool-helper-minutes');
    await user.clear(minutes);
    await user.type(minutes, '6');
    const result = screen.getByTestId('pool-helper-result');
    expect(result).toHaveTextContent('Recommended: 40 numbers');
    expect(result).toHaveTextContent('2,000 monthly visitors ÷ 100 = 20 numbers');
    await user.click(screen.getByTestId('pool-helper-use'));
    expect(screen.getByTestId('field-pool-size')).toHaveValue('40');
  });
});
