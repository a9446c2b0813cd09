import type { Draft } from './draft.ts';
import { percent } from './labels.ts';

/** The content mix as one bar: each pillar's share, promotional pillars hatched and marked. */
export function PillarBar({ pillars }: { pillars: Draft['pillars'] }) {
  const shares = pillars.map((p) => (Number.isFinite(p.share) ? Math.max(p.share, 0) : 0));
  const total = shares.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const scale = Math.max(total, 1);
  return (
    <div
      className="pillar-bar"
      role="img"
      aria-label={pillars.map((p, i) => `${p.name || 'unnamed'} ${percent(shares[i]!)}${p.promotional ? ' (promotional)' : ''}`).join(', ')}
    >
      {pillars.map((p, i) => (
        <div
          key={p.id}
          className={`pillar-segment pillar-tone-${i % 5}${p.promotional ? ' pillar-promotional' : ''}`}
          style={{ width: `${(shares[i]! / scale) * 100}%` }}
          title={`${p.name} ${percent(shares[i]!)}`}
        />
      ))}
    </div>
  );
}
