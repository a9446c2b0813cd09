/** What the campaign must achieve and what it costs: response goal, budget with projected ROI, support plan. */
import { useState } from 'react';
import { formatRoi, projectedRoi } from '../../../../src/plan/roi.ts';
import { RESPONSE_METRICS, SUPPORT_KINDS } from '../../../../src/plan/schema.ts';
import type { Campaign, Strategy } from '../../api/types.ts';
import { Card, fieldId, Select, TextInput } from '../../components/ui.tsx';
import { numberOrUndefined, textOrUndefined, withOptional, type EditCampaign } from './campaign-draft.ts';
import { CheckboxList } from './CheckboxList.tsx';
import { formatNumber } from '../publishing/time.ts';

type Response = NonNullable<Campaign['response']>;
type Metric = NonNullable<Response['metric']>;

const metricLabel = (m: string) => m.charAt(0).toUpperCase() + m.slice(1).replace(/_/g, ' ');

/** Drops a response goal with nothing in it, so the document has no empty `response: {}`. */
function withResponse(d: Campaign, response: Response): Campaign {
  const empty = response.metric === undefined && response.target === undefined && response.unit === undefined;
  return withOptional(d, 'response', empty ? undefined : response);
}

export function ResponseGoalFields({ draft, edit }: { draft: Campaign; edit: EditCampaign }) {
  const response = draft.response ?? {};
  const set = <K extends keyof Response>(key: K, value: Response[K] | undefined) =>
    edit((d) => withResponse(d, withOptional(d.response ?? {}, key, value)));
  return (
    <Card title="Response goal">
      <p className="muted">The one measurable response this campaign drives.</p>
      <div className="row">
        <Select
          label="Metric"
          pointer="/response/metric"
          value={response.metric ?? ''}
          onChange={(e) => set('metric', textOrUndefined(e.target.value) as Metric | undefined)}
        >
          <option value="">Choose a metric</option>
          {RESPONSE_METRICS.map((m) => (
            <option key={m} value={m}>
              {metricLabel(m)}
            </option>
          ))}
        </Select>
        <TextInput
          label="Target"
          pointer="/response/target"
          type="number"
          min={0}
          inputMode="decimal"
          value={response.target ?? ''}
          onChange={(e) => set('target', numberOrUndefined(e.target.value))}
        />
        <TextInput
          label="Unit"
          pointer="/response/unit"
          placeholder="e.g. bags, sign-ups"
          maxLength={100}
          value={response.unit ?? ''}
          onChange={(e) => set('unit', textOrUndefined(e.target.value))}
        />
      </div>
    </Card>
  );
}

const CURRENCIES = ['EUR', 'USD', 'GBP', 'CHF', 'SEK', 'NOK', 'DKK', 'PLN', 'CAD', 'AUD', 'JPY'];

export function BudgetFields({ draft, edit, strategy }: { draft: Campaign; edit: EditCampaign; strategy: Strategy }) {
  // The currency is remembered while the amount is empty (no amount means no budget in the document).
  const [currency, setCurrency] = useState(draft.budget?.currency ?? strategy.resources.budget?.currency ?? 'EUR');
  const currencies = [...new Set([currency, ...CURRENCIES])];
  const setAmount = (amount: number | undefined) =>
    edit((d) => withOptional(d, 'budget', amount === undefined ? undefined : { amount, currency }));
  return (
    <Card title="Budget and projected ROI">
      <div className="budget-layout">
        <div className="row">
          <TextInput
            label="Budget"
            pointer="/budget/amount"
            type="number"
            min={0}
            inputMode="decimal"
            value={draft.budget?.amount ?? ''}
            onChange={(e) => setAmount(numberOrUndefined(e.target.value))}
          />
          <Select
            label="Currency"
            pointer="/budget/currency"
            value={currency}
            onChange={(e) => {
              const next = e.target.value;
              setCurrency(next);
              edit((d) => (d.budget ? { ...d, budget: { ...d.budget, currency: next } } : d));
            }}
          >
            {currencies.map((c) => (
              <option key={c}>{c}</option>
            ))}
          </Select>
          <TextInput
            label="Expected revenue"
            pointer="/expectedRevenue"
            type="number"
            min={0}
            inputMode="decimal"
            hint={`Attributed to the campaign, in ${currency}.`}
            value={draft.expectedRevenue ?? ''}
            onChange={(e) => edit((d) => withOptional(d, 'expectedRevenue', numberOrUndefined(e.target.value)))}
          />
        </div>
        <ProjectedRoi campaign={draft} />
      </div>
    </Card>
  );
}

/** (expected revenue − cost) / cost, recomputed as the numbers are typed. */
function ProjectedRoi({ campaign }: { campaign: Campaign }) {
  const roi = projectedRoi(campaign);
  const tone = roi === null ? 'none' : roi < 0 ? 'negative' : 'positive';
  const money = formatNumber;
  return (
    <div className={`roi roi-${tone}`}>
      <span className="roi-label" id="projected-roi-label">
        Projected ROI
      </span>
      <output
        className="roi-value"
        aria-labelledby="projected-roi-label"
        htmlFor={`${fieldId('/budget/amount')} ${fieldId('/expectedRevenue')}`}
      >
        {formatRoi(roi)}
      </output>
      <span className="roi-formula">
        {roi === null || !campaign.budget || campaign.expectedRevenue === undefined
          ? 'Enter a budget above zero and the expected revenue.'
          : `(${money(campaign.expectedRevenue)} − ${money(campaign.budget.amount)}) / ${money(campaign.budget.amount)}`}
      </span>
    </div>
  );
}

const SUPPORT_LABELS: Record<(typeof SUPPORT_KINDS)[number], string> = {
  advertising: 'Advertising',
  pr: 'PR',
  influencers: 'Influencers',
  marketing: 'Marketing',
  partners: 'Partners',
  customers: 'Customers',
  investors: 'Investors',
};

export function SupportFields({ draft, edit }: { draft: Campaign; edit: EditCampaign }) {
  return (
    <Card title="Support plan">
      <CheckboxList
        legend="Supported beyond organic posts by"
        pointer="/support"
        options={SUPPORT_KINDS.map((k) => ({ value: k, label: SUPPORT_LABELS[k] }))}
        selected={draft.support}
        onChange={(support) => edit((d) => ({ ...d, support: support as Campaign['support'] }))}
      />
    </Card>
  );
}
