import { useState } from 'react';
import { CAMPAIGN_TYPES } from '../../../../src/plan/schema.ts';
import type { Campaign, Strategy } from '../../api/types.ts';
import { Card, Select, TextInput } from '../../components/ui.tsx';
import { formatPeriod } from '../publishing/time.ts';
import { slugify, textOrUndefined, withOptional, type EditCampaign } from './campaign-draft.ts';

const TYPE_LABELS: Record<Campaign['type'], string> = {
  'product-launch': 'Product launch',
  event: 'Event',
  'service-promotion': 'Service promotion',
  other: 'Other',
};

/** Name, id, type, dates and owner. A new campaign's id follows its name until the id is edited. */
export function BasicsFields({
  draft,
  edit,
  strategy,
  isNew,
}: {
  draft: Campaign;
  edit: EditCampaign;
  strategy: Strategy;
  isNew: boolean;
}) {
  const [idEdited, setIdEdited] = useState(false);
  const { start, end } = strategy.period;
  return (
    <Card title="Basics">
      <div className="row">
        <TextInput
          label="Campaign name"
          pointer="/name"
          value={draft.name}
          maxLength={200}
          required
          onChange={(e) => {
            const name = e.target.value;
            edit((d) => ({ ...d, name, ...(isNew && !idEdited ? { id: slugify(name) } : {}) }));
          }}
        />
        <TextInput
          label="Id"
          pointer="/id"
          value={draft.id}
          readOnly={!isNew}
          maxLength={100}
          spellCheck={false}
          hint={isNew ? 'Used in links and YAML files; it cannot change once the campaign is created.' : 'Ids are permanent.'}
          onChange={(e) => {
            const id = e.target.value;
            setIdEdited(true);
            edit((d) => ({ ...d, id }));
          }}
        />
      </div>
      <div className="row">
        <Select
          label="Type"
          pointer="/type"
          value={draft.type}
          onChange={(e) => edit((d) => ({ ...d, type: e.target.value as Campaign['type'] }))}
        >
          {CAMPAIGN_TYPES.map((t) => (
            <option key={t} value={t}>
              {TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
        <Select
          label="Owner"
          pointer="/owner"
          value={draft.owner ?? ''}
          hint="Who oversees the campaign, from the strategy's people."
          onChange={(e) => edit((d) => withOptional(d, 'owner', textOrUndefined(e.target.value)))}
        >
          <option value="">Nobody yet</option>
          {strategy.resources.people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.role ? ` — ${p.role}` : ''}
            </option>
          ))}
        </Select>
      </div>
      <div className="row">
        <TextInput
          label="Start date"
          pointer="/start"
          type="date"
          min={start}
          max={end}
          value={draft.start}
          onChange={(e) => edit((d) => ({ ...d, start: e.target.value }))}
        />
        <TextInput
          label="End date"
          pointer="/end"
          type="date"
          min={start}
          max={end}
          value={draft.end}
          onChange={(e) => edit((d) => ({ ...d, end: e.target.value }))}
        />
      </div>
      <p className="field-message">
        The strategy runs {formatPeriod({ start, end })}; campaigns start after its {strategy.settings.campaignLeadMonths}-month lead time,
        once the base exists.
      </p>
    </Card>
  );
}
