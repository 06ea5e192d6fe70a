import { useCallback, useEffect, useState, type RefObject } from 'react';
import { HEADER_HEIGHT, ROW_HEIGHT } from './columns';

/** Rows drawn beyond each edge of the view, so a scroll shows rows already there. */
const OVERSCAN = 8;

/**
 * The rows in view of a scroller of rows all `ROW_HEIGHT` tall under its sticky header, and a few
 * around them, worked out from the scroll position alone: nothing is kept per row, so 50,000 rows
 * cost the page no more than 50.
 */
export function useRowWindow(scrollRef: RefObject<HTMLDivElement | null>, count: number) {
  const [view, setView] = useState({ top: 0, height: 600 });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    // Until the scroller is laid out it has no height: a window's worth is assumed.
    const update = () =>
      setView((v) => {
        const next = { top: el.scrollTop, height: el.clientHeight || 600 };
        return v.top === next.top && v.height === next.height ? v : next;
      });
    update();
    el.addEventListener('scroll', update, { passive: true });
    const resized = new ResizeObserver(update);
    resized.observe(el);
    return () => {
      el.removeEventListener('scroll', update);
      resized.disconnect();
    };
  }, [scrollRef]);
  const body = Math.max(0, view.top);
  const first = Math.max(0, Math.floor(body / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(count - 1, Math.ceil((body + view.height) / ROW_HEIGHT) + OVERSCAN);
  const indices = last >= first ? Array.from({ length: last - first + 1 }, (_, i) => first + i) : [];

  /** Scrolls as little as needed for row `index` to show whole below the header. */
  const scrollToIndex = useCallback(
    (index: number) => {
      const el = scrollRef.current;
      if (!el) return;
      const top = index * ROW_HEIGHT;
      const height = el.clientHeight || 600;
      if (top < el.scrollTop) el.scrollTop = top;
      else if (top + ROW_HEIGHT + HEADER_HEIGHT > el.scrollTop + height) el.scrollTop = top + ROW_HEIGHT + HEADER_HEIGHT - height;
    },
    [scrollRef],
  );
  return { indices, total: count * ROW_HEIGHT, scrollToIndex };
}
