import { Link } from 'react-router';
import { loadPlanText } from '../../../../src/plan/load.ts';
import type { ImportResult } from '../../api/plan-io.ts';
import { Badge, Card } from '../../components/ui.tsx';

interface Named {
  name: string;
  /** A campaign's strategy id. */
  strategy?: string;
}

/** Names (and a campaign's strategy) of the documents in the imported text, for the links. */
function namesIn(yaml: string): Map<string, Named> {
  return new Map(
    loadPlanText(yaml).documents.map(({ doc }) => [
      `${doc.kind}:${doc.id}`,
      doc.kind === 'campaign' ? { name: doc.name, strategy: doc.strategy } : { name: doc.name },
    ]),
  );
}

const OUTCOME_TONE = { created: 'ok', updated: 'campaign', unchanged: 'neutral' } as const;

/** What the import did to each document, with links to where each now lives. */
export function ImportResults({ ws, result, yaml }: { ws: string; result: ImportResult; yaml: string }) {
  const names = namesIn(yaml);
  const { errors, warnings } = result.summary;
  return (
    <Card title="Imported" className="import-results">
      <div className="table-scroll">
        <table className="table">
          <caption className="visually-hidden">Imported documents</caption>
          <thead>
            <tr>
              <th scope="col">Document</th>
              <th scope="col">Outcome</th>
            </tr>
          </thead>
          <tbody>
            {result.documents.map((d) => {
              const named = names.get(`${d.kind}:${d.id}`);
              const strategyId = d.kind === 'strategy' ? d.id : named?.strategy;
              const strategyName = strategyId === undefined ? undefined : names.get(`strategy:${strategyId}`)?.name;
              return (
                <tr key={`${d.kind}:${d.id}`}>
                  <td>
                    <div className="imported-document">
                      <Badge tone={d.kind}>{d.kind}</Badge>
                      {d.kind === 'strategy' ? (
                        <Link to={`/w/${ws}/strategies/${d.id}`}>{named?.name ?? d.id}</Link>
                      ) : (
                        strategyId !== undefined && (
                          <span>
                            <Link to={`/w/${ws}/strategies/${strategyId}/campaigns/${d.id}`}>{named?.name ?? d.id}</Link>
                            <span className="muted">
                              {' '}
                              in <Link to={`/w/${ws}/strategies/${strategyId}`}>{strategyName ?? strategyId}</Link>
                            </span>
                          </span>
                        )
                      )}
                    </div>
                    <code className="muted">{d.id}</code>
                  </td>
                  <td>
                    <Badge tone={OUTCOME_TONE[d.outcome]}>{d.outcome}</Badge> <span className="muted">v{d.version}</span>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <p className="muted">
        {errors + warnings === 0
          ? 'The imported plan is clean.'
          : `The imported plan has ${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'}; fix them in the strategy and campaign screens.`}
      </p>
    </Card>
  );
}
