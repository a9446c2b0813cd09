import { cadenceOf } from '../../../../src/plan/review-dates.ts';
import { REVIEW_CADENCES, type ReviewCadence } from '../../../../src/plan/schema.ts';
import { Card, Select, TextInput } from '../../components/ui.tsx';
import { CapacityBar } from './CapacityBar.tsx';
import { NumberField, TextListField, type StepProps } from './fields.tsx';
import { PeopleFields } from './PeopleFields.tsx';

/** Step 6: the people, hours, budget and tools behind the strategy, and the planning settings. */
export function ResourcesStep(props: StepProps) {
  const { draft, edit, at } = props;
  const budget = draft.resources.budget;
  return (
    <>
      <p className="muted step-hint">Map out who does the work, how many hours a week they have, and the money and tools behind it.</p>
      <Card title="People" className="nested-card">
        <PeopleFields {...props} />
      </Card>
      <CapacityBar strategy={draft} />
      <Card title="Budget and tools" className="nested-card">
        <div className="row">
          <NumberField
            label="Budget for the period"
            {...at('/resources/budget/amount')}
            value={budget?.amount}
            onValue={(amount) =>
              edit(
                (d) =>
                  void (d.resources.budget =
                    amount === undefined ? undefined : { amount, currency: d.resources.budget?.currency ?? 'EUR' }),
              )
            }
          />
          <TextInput
            label="Currency"
            {...at('/resources/budget/currency')}
            hint="ISO code, e.g. EUR or USD"
            value={budget?.currency ?? 'EUR'}
            maxLength={3}
            spellCheck={false}
            onChange={(e) => {
              const currency = e.target.value.toUpperCase();
              edit((d) => void (d.resources.budget = { amount: d.resources.budget?.amount ?? 0, currency }));
            }}
          />
        </div>
        <TextListField
          label="Tools"
          itemLabel="Tool"
          pointer="/resources/tools"
          items={draft.resources.tools}
          at={at}
          onChange={(tools) => edit((d) => void (d.resources.tools = tools))}
        />
      </Card>
      <Card title="Settings" className="nested-card">
        <div className="row">
          <NumberField
            label="Lead time (months)"
            {...at('/settings/campaignLeadMonths')}
            hint="From the strategy's start to its first campaign: build the base first."
            value={draft.settings.campaignLeadMonths}
            onValue={(n) => edit((d) => void (d.settings.campaignLeadMonths = n ?? NaN))}
          />
          <NumberField
            label="Base followers"
            {...at('/settings/minBaseFollowers')}
            hint="Followers a channel needs before a campaign uses it."
            value={draft.settings.minBaseFollowers}
            onValue={(n) => edit((d) => void (d.settings.minBaseFollowers = n ?? NaN))}
          />
          <NumberField
            label="Minutes per post"
            {...at('/settings/minutesPerPost')}
            hint="Work per post, for the capacity check."
            value={draft.settings.minutesPerPost}
            onValue={(n) => edit((d) => void (d.settings.minutesPerPost = n ?? NaN))}
          />
          <Select
            label="Review cadence"
            {...at('/review/cadence')}
            hint="How often KPIs are reviewed against their targets."
            value={cadenceOf(draft)}
            // Untouched, the document keeps no review field (its export stays as it was).
            onChange={(e) => edit((d) => void (d.review = { cadence: e.target.value as ReviewCadence }))}
          >
            {REVIEW_CADENCES.map((c) => (
              <option key={c} value={c}>
                {c[0]!.toUpperCase() + c.slice(1)}
              </option>
            ))}
          </Select>
        </div>
      </Card>
    </>
  );
}
