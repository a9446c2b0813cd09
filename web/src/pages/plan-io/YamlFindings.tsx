import type { Finding } from '../../api/types.ts';
import { Badge } from '../../components/ui.tsx';

/** Findings about YAML text, each naming its line; choosing one selects that line in the editor. */
export function YamlFindings({ findings, onSelectLine }: { findings: readonly Finding[]; onSelectLine: (line: number) => void }) {
  return (
    <ul className="yaml-findings" aria-label="Findings">
      {findings.map((f, i) => {
        const content = (
          <>
            <span className="yaml-finding-where">
              <Badge tone={f.severity === 'error' ? 'error' : 'warning'}>{f.severity}</Badge>
              {f.line !== undefined && <span>line {f.line}</span>}
              {f.document && <span className="break">{f.document}</span>}
              <span className="finding-rule">{f.rule}</span>
            </span>
            <span className="finding-message">{f.message}</span>
          </>
        );
        return (
          <li key={`${f.rule}-${f.document}-${f.path}-${i}`} className={`finding finding-${f.severity}`}>
            {f.line !== undefined ? (
              <button type="button" className="finding-link" onClick={() => onSelectLine(f.line!)}>
                {content}
              </button>
            ) : (
              <div className="finding-link">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}

/** Selects (and scrolls to) 1-based `line` of a textarea. */
export function selectLine(textarea: HTMLTextAreaElement, line: number): void {
  const lines = textarea.value.split('\n');
  const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
  const end = start + (lines[line - 1]?.length ?? 0);
  textarea.focus();
  textarea.setSelectionRange(start, end);
  const lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
  textarea.scrollTop = Math.max(0, (line - 3) * lineHeight);
}
