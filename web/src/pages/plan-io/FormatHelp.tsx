import northwindCampaign from '../../../../examples/northwind/campaign-product-launch.yaml?raw';
import northwindStrategy from '../../../../examples/northwind/strategy.yaml?raw';
import { Button, Card } from '../../components/ui.tsx';

const SAMPLE = `kind: strategy
id: northwind-2027
name: Northwind social media strategy 2027
organisation: Northwind Coffee Roasters
period: { start: 2027-01-01, end: 2027-12-31 }
---
kind: campaign
id: spring-blend-launch
strategy: northwind-2027     # the strategy it lives in
name: Spring blend launch
type: product-launch
start: 2027-07-05
end: 2027-08-29`;

/** The example plan shipped in examples/northwind: a clean strategy and one of its campaigns. */
export const NORTHWIND_EXAMPLE = `${northwindStrategy.trimEnd()}\n---\n${northwindCampaign}`;

/** What to do when there is nothing to import yet: the format in brief, and an example to start from. */
export function FormatHelp({ onExample }: { onExample: () => void }) {
  return (
    <Card title="The plan-as-code format" className="format-help">
      <p>
        A YAML file holds one document, or several separated by <code>---</code>. Each says its <code>kind</code>: <code>strategy</code> or{' '}
        <code>campaign</code>. A campaign names the strategy it lives in by id, so it imports only with a strategy that is in the same file
        or already in this workspace. Dates are written <code>YYYY-MM-DD</code>; unknown keys are errors, so typos do not pass silently.
      </p>
      <figure className="yaml-sample-figure" aria-label="A minimal plan">
        {/* biome-ignore lint/a11y/noNoninteractiveTabindex: it scrolls sideways on a phone, and keyboard users scroll it once it has focus */}
        <pre className="yaml-sample" tabIndex={0}>
          {SAMPLE}
        </pre>
      </figure>
      <p className="muted">
        Every field is described under “Plan-as-code” in the project’s README.md, and the examples/ folder holds complete plans. The{' '}
        <a href="/api/docs">API documentation</a> describes the import endpoint.
      </p>
      <div>
        <Button onClick={onExample}>Load the Northwind example</Button>
      </div>
    </Card>
  );
}
