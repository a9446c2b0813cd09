import type { Finding } from '../api/types.ts';
import { localiseDates } from '../pages/publishing/time.ts';
import { Badge } from './ui.tsx';

/**
 * Lint findings beside a form; each one links to the field at its JSON pointer. `describe` words a
 * finding for people (plan screens pass the rules' UI wording); the rule id stays as small print.
 */
export function FindingsPanel({
  findings,
  onSelect,
  title = 'Plan check',
  describe = (f) => localiseDates(f.message),
}: {
  findings: readonly Finding[];
  onSelect?: (f: Finding) => void;
  title?: string;
  describe?: (f: Finding) => string;
}) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  return (
    <aside className="findings" aria-label={title} aria-live="polite">
      <h2>
        {title}{' '}
        {findings.length === 0 ? (
          <Badge tone="ok">all clear</Badge>
        ) : (
          <>
            {errors > 0 && (
              <Badge tone="error">
                {errors} error{errors === 1 ? '' : 's'}
              </Badge>
            )}{' '}
            {warnings > 0 && (
              <Badge tone="warning">
                {warnings} warning{warnings === 1 ? '' : 's'}
              </Badge>
            )}
          </>
        )}
      </h2>
      {findings.length === 0 ? (
        <p className="muted">No problems found by the rules.</p>
      ) : (
        <ul>
          {findings.map((f, i) => (
            <li key={`${f.rule}-${f.document}-${f.path}-${i}`} className={`finding finding-${f.severity}`} data-rule={f.rule}>
              <button type="button" className="finding-link" onClick={() => onSelect?.(f)}>
                <span className="finding-message">{describe(f)}</span>
                <span className="finding-rule">{f.rule}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
