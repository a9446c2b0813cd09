import type { ReactNode } from 'react';

/**
 * A wide table that scrolls sideways inside its card on a phone. Keyboard users scroll it too, so it
 * takes focus, and its label says what it holds (axe: scrollable-region-focusable).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to be scrolled
    <section className="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
