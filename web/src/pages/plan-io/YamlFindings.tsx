import { useMemo } from 'react';
import { loadPlanText } from '../../../../src/plan/load.ts';
import type { PlanDocument } from '../../../../src/plan/schema.ts';
import { uiMessage, type UiMessageContext } from '../../../../src/plan/ui-messages.ts';
import type { Finding } from '../../api/types.ts';
import { Badge } from '../../components/ui.tsx';
import { formatDate } from '../publishing/time.ts';

/** The documents of the YAML a finding is about, so its words can name channels, phases… */
function contextOf(f: Finding, docs: readonly PlanDocument[]): UiMessageContext {
  const doc = docs.find((d) => d.id === f.document);
  if (doc?.kind === 'strategy') return { strategy: doc, formatDate };
  if (doc?.kind !== 'campaign') return { formatDate };
  const strategy = docs.find((d) => d.kind === 'strategy' && d.id === doc.strategy);
  return { campaign: doc, strategy: strategy?.kind === 'strategy' ? strategy : undefined, formatDate };
}

/**
 * Findings about YAML text, each naming its line; choosing one selects that line in the editor.
 * The app's words come first; the rule's YAML wording (the one the CLI prints) follows as small print,
 * since here the fix is made in the YAML.
 */
export function YamlFindings({
  findings,
  text,
  onSelectLine,
}: {
  findings: readonly Finding[];
  text: string;
  onSelectLine: (line: number) => void;
}) {
  const docs = useMemo(() => loadPlanText(text).documents.map((d) => d.doc), [text]);
  return (
    <ul className="yaml-findings" aria-label="Findings">
      {findings.map((f, i) => {
        const words = uiMessage(f, contextOf(f, docs));
        const content = (
          <>
            <span className="yaml-finding-where">
              <Badge tone={f.severity === 'error' ? 'error' : 'warning'}>{f.severity}</Badge>
              {f.line !== undefined && <span>line {f.line}</span>}
              {f.document && <span className="break">{f.document}</span>}
              <span className="finding-rule">{f.rule}</span>
            </span>
            <span className="finding-message">{words}</span>
            {words !== f.message && <span className="finding-yaml">In the YAML: {f.message}</span>}
          </>
        );
        return (
          <li key={`${f.rule}-${f.document}-${f.path}-${i}`} className={`finding finding-${f.severity}`} data-rule={f.rule}>
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
