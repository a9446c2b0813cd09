/**
 * What a campaign really cost: its cost entries with totals by category, a form to add one and its
 * real ROI beside the projected one. Without entries the ROI uses the budget and says "planned cost".
 */
import { useId, useState, type FormEvent } from 'react';
import type { CostCategory } from '../../../../src/measure/costs/schema.ts';
import { formatRoi } from '../../../../src/plan/roi.ts';
import { useCampaignRoi, useCostWrites, useCosts, type CampaignRoi, type Cost } from '../../api/costs.ts';
import { useCan } from '../../api/session.ts';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { Button, Card, EmptyState, ErrorBanner, Field, Loading, Select, TextInput } from '../../components/ui.tsx';
import { formatDate } from '../publishing/time.ts';

/** Every category (the Record's type makes the list complete), in the schema's order. */
const CATEGORY_LABELS: Record<CostCategory, string> = {
  ads: 'Ads',
  production: 'Production',
  influencers: 'Influencers',
  tools: 'Tools',
  other: 'Other',
};
const COST_CATEGORIES = Object.keys(CATEGORY_LABELS) as CostCategory[];

/** An amount in its currency, as the reader's locale writes money. */
export function formatMoney(amount: number, currency: string | null): string {
  if (currency === null) return amount.toLocaleString(undefined, { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
}

const today = () => new Date().toISOString().slice(0, 10);

export function CostsCard({ ws, campaignId }: { ws: string; campaignId: string }) {
  const list = useCosts(ws, campaignId);
  const roi = useCampaignRoi(ws, campaignId);
  const canWrite = useCan(ws, 'plan.write');
  const writes = useCostWrites(ws, campaignId);
  const [removing, setRemoving] = useState<Cost | null>(null);

  const data = list.data;
  const currency = data?.totals.currency ?? null;
  return (
    <Card
      title="Costs and ROI"
      className="costs-card"
      actions={data && data.costs.length > 0 && <strong>{formatMoney(data.totals.total, currency)}</strong>}
    >
      {roi.data && <RoiSummary roi={roi.data} />}
      <ErrorBanner error={list.error ?? roi.error} />
      {list.isPending && <Loading what="Loading the costs" />}
      {data && data.costs.length === 0 && (
        <EmptyState title="No costs entered yet">
          Enter what the campaign really cost — ads, production, influencers, tools — as the money is spent. Until then its ROI uses the
          budget as a planned cost.
        </EmptyState>
      )}
      {data && data.costs.length > 0 && (
        <>
          <dl className="cost-totals" aria-label="Totals by category">
            {COST_CATEGORIES.map((c) => (
              <div key={c}>
                <dt>{CATEGORY_LABELS[c]}</dt>
                <dd>{formatMoney(data.totals.byCategory[c], currency)}</dd>
              </div>
            ))}
          </dl>
          <div className="table-scroll">
            <table className="table measure-table">
              <caption className="visually-hidden">Cost entries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Date</th>
                  <th scope="col">Category</th>
                  <th scope="col" className="num">
                    Amount
                  </th>
                  <th scope="col">Note</th>
                  {canWrite && (
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  )}
                </tr>
              </thead>
              <tbody>
                {data.costs.map((cost) => (
                  <tr key={cost.id}>
                    <td data-label="Date">{formatDate(cost.spentOn)}</td>
                    <td data-label="Category">{CATEGORY_LABELS[cost.category]}</td>
                    <td data-label="Amount" className="num">
                      {formatMoney(cost.amount, cost.currency)}
                    </td>
                    <td data-label="Note" className="break">
                      {cost.note ?? <span className="muted">—</span>}
                    </td>
                    {canWrite && (
                      <td data-label="Actions">
                        <Button
                          variant="danger"
                          aria-label={`Delete ${CATEGORY_LABELS[cost.category]} cost of ${formatMoney(cost.amount, cost.currency)} on ${formatDate(cost.spentOn)}`}
                          onClick={() => setRemoving(cost)}
                        >
                          Delete
                        </Button>
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <ErrorBanner error={writes.remove.error} />
      {canWrite && data && <AddCostForm currency={currency} onAdd={(body) => writes.add.mutateAsync(body)} error={writes.add.error} />}
      <ConfirmDialog
        open={removing !== null}
        title="Delete this cost?"
        confirmLabel="Delete cost"
        danger
        busy={writes.remove.isPending}
        onCancel={() => setRemoving(null)}
        onConfirm={() => {
          if (removing) writes.remove.mutate(removing.id, { onSettled: () => setRemoving(null) });
        }}
      >
        {removing &&
          `${CATEGORY_LABELS[removing.category]}, ${formatMoney(removing.amount, removing.currency)} on ${formatDate(removing.spentOn)}. The audit log keeps it.`}
      </ConfirmDialog>
    </Card>
  );
}

function RoiSummary({ roi }: { roi: CampaignRoi }) {
  const basis =
    roi.costBasis === 'actual' ? 'actual cost' : roi.costBasis === 'planned' ? 'planned cost (the budget: no cost entries yet)' : 'no cost';
  return (
    <div className="roi-summary" data-testid="campaign-roi">
      <div>
        <span className="muted">Real ROI</span>
        <strong className="roi-figure">{formatRoi(roi.roi)}</strong>
      </div>
      <div>
        <span className="muted">Projected ROI</span>
        <strong className="roi-figure">{formatRoi(roi.projectedRoi)}</strong>
      </div>
      <p className="muted roi-basis">
        Revenue {formatMoney(roi.revenue, roi.currency)} from {roi.conversions} conversion{roi.conversions === 1 ? '' : 's'}
        {roi.cost !== null && `, against ${formatMoney(roi.cost, roi.currency)}`} — {basis}.
        {roi.otherCurrencies.length > 0 && ` Money in ${roi.otherCurrencies.join(', ')} is not counted: it is not in ${roi.currency}.`}
      </p>
    </div>
  );
}

function AddCostForm({
  currency,
  onAdd,
  error,
}: {
  currency: string | null;
  onAdd: (body: { amount: number; currency: string; category: CostCategory; spentOn: string; note?: string }) => Promise<unknown>;
  error: unknown;
}) {
  const [amount, setAmount] = useState('');
  const [category, setCategory] = useState<CostCategory>('ads');
  const [spentOn, setSpentOn] = useState(today);
  const [note, setNote] = useState('');
  const [ownCurrency, setOwnCurrency] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const headingId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const value = Number(amount.trim());
    if (amount.trim() === '' || !Number.isFinite(value) || value < 0) {
      setProblem('Enter the amount as a number, e.g. 1200 or 89.90.');
      return;
    }
    setProblem(null);
    setBusy(true);
    try {
      await onAdd({
        amount: value,
        currency: currency ?? ownCurrency.trim().toUpperCase(),
        category,
        spentOn,
        note: note.trim() || undefined,
      });
      setAmount('');
      setNote('');
    } catch {
      // The refusal is shown below the form.
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="add-cost" onSubmit={submit} aria-labelledby={headingId} noValidate>
      <h3 id={headingId}>Add a cost</h3>
      <div className="row">
        <TextInput
          label={currency ? `Amount (${currency})` : 'Amount'}
          inputMode="decimal"
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          error={problem ?? undefined}
          required
        />
        {currency === null && (
          <TextInput
            label="Currency"
            hint="ISO code, e.g. EUR"
            maxLength={3}
            value={ownCurrency}
            onChange={(e) => setOwnCurrency(e.target.value)}
          />
        )}
        <Select label="Category" value={category} onChange={(e) => setCategory(e.target.value as CostCategory)}>
          {COST_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {CATEGORY_LABELS[c]}
            </option>
          ))}
        </Select>
        <Field label="Spent on">
          {(a) => <input {...a} type="date" value={spentOn} onChange={(e) => setSpentOn(e.target.value)} required />}
        </Field>
      </div>
      <TextInput label="Note (optional)" maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} />
      <div className="card-actions">
        <Button type="submit" variant="primary" disabled={busy}>
          Add cost
        </Button>
      </div>
      <ErrorBanner error={error} />
    </form>
  );
}
