import type { PostState } from '../../api/types.ts';
import { STATE_LABEL } from './labels.ts';

/** The post's state as a coloured pill (same colours as the calendar). */
export function PostStateBadge({ state }: { state: PostState }) {
  return (
    <span className={`badge post-state post-state-${state}`} data-state={state}>
      {state === 'published' && <span aria-hidden="true">✓ </span>}
      {STATE_LABEL[state]}
    </span>
  );
}
