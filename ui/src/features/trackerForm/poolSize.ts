/** CallRail's limits for a session tracker's pool. */
export const POOL_MIN = 4;
export const POOL_MAX = 50;
/** The rule of thumb: about one number per this many monthly visitors... */
export const VISITORS_PER_NUMBER = 100;
/** ...and never fewer than this, so a quiet site still tells visitors apart. */
export const RULE_MINIMUM = 5;
/** The visit length the rule of thumb assumes; longer visits hold a number longer. */
export const TYPICAL_VISIT_MINUTES = 3;

export interface PoolAdvice {
  size: number;
  /** The reasoning, one step per line, in plain words. */
  steps: string[];
  /** More numbers would help than CallRail allows. */
  capped: boolean;
}

const fmt = (n: number) => n.toLocaleString('en-US', { maximumFractionDigits: 1 });

/**
 * A suggested pool size from monthly visitors and the average visit length. Each visitor keeps a
 * number for the whole visit, so the need grows with traffic and with visit length.
 */
export function recommendPoolSize(monthlyVisitors: number, visitMinutes: number): PoolAdvice {
  const visitors = Math.max(0, monthlyVisitors);
  const minutes = Math.max(0, visitMinutes);
  const steps: string[] = [];
  const base = visitors / VISITORS_PER_NUMBER;
  steps.push(`${fmt(visitors)} monthly visitors ÷ ${VISITORS_PER_NUMBER} = ${fmt(base)} numbers (about 1 number per ${VISITORS_PER_NUMBER} monthly visitors).`);
  let need = base;
  if (minutes > TYPICAL_VISIT_MINUTES) {
    const factor = minutes / TYPICAL_VISIT_MINUTES;
    need = base * factor;
    steps.push(
      `Visits last ${fmt(minutes)} minutes, longer than a typical ${TYPICAL_VISIT_MINUTES}-minute visit, and each visitor keeps a number for the whole visit: × ${fmt(factor)} = ${fmt(need)}.`,
    );
  }
  let size = Math.ceil(need - 1e-9);
  if (size < RULE_MINIMUM) {
    size = RULE_MINIMUM;
    steps.push(`At least ${RULE_MINIMUM} numbers, so visitors can still be told apart on a quiet site.`);
  }
  const capped = size > POOL_MAX;
  if (capped) {
    size = POOL_MAX;
    steps.push(
      `CallRail allows ${POOL_MIN} to ${POOL_MAX} numbers in a pool, so ${POOL_MAX}: at the busiest times some visitors will share a number, and those calls are matched less exactly.`,
    );
  }
  return { size, steps, capped };
}
