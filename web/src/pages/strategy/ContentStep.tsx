import { fieldId, TextInput } from '../../components/ui.tsx';
import { newId, rename } from './draft.ts';
import { AddButton, ItemFieldset, NumberField, type StepProps } from './fields.tsx';
import { percent } from './labels.ts';
import { PillarBar } from './PillarBar.tsx';

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/** A new pillar starts with what is left of 100%. */
const remainingShare = (pillars: StepProps['draft']['pillars']) =>
  Number(Math.max(0, 1 - pillars.reduce((sum, p) => sum + finite(p.share), 0)).toFixed(4));

/** The pillars' total and promotional share, as they stand while the user types. */
function MixTotals({ draft }: Pick<StepProps, 'draft'>) {
  const total = draft.pillars.reduce((sum, p) => sum + finite(p.share), 0);
  const promotional = draft.pillars.filter((p) => p.promotional).reduce((sum, p) => sum + finite(p.share), 0);
  const max = draft.contentMix.maxPromotionalShare;
  const totalOk = Math.abs(total - 1) <= 0.005;
  const promotionalOk = promotional <= finite(max) + 1e-9;
  return (
    <div className="mix-totals" role="status" data-testid="pillar-total">
      <PillarBar pillars={draft.pillars} />
      <p>
        <strong>Total: {percent(total)}</strong>{' '}
        <span className={totalOk ? 'mix-ok' : 'mix-warning'}>{totalOk ? '✓ adds up to 100%' : 'should add up to 100%'}</span>
      </p>
      <p>
        Promotional: {percent(promotional)} of at most {percent(finite(max))}{' '}
        <span className={promotionalOk ? 'mix-ok' : 'mix-warning'}>{promotionalOk ? '✓' : 'too promotional: provide value first'}</span>
      </p>
    </div>
  );
}

/** Step 4: the content pillars and how much of the content may promote. */
export function ContentStep({ draft, edit, at, locked }: StepProps) {
  return (
    <>
      <p className="muted step-hint">
        A strategy is about providing content, not asking for results: split the content into pillars and keep the promotional share small.
      </p>
      {draft.pillars.map((pillar, i) => {
        const p = `/pillars/${i}`;
        return (
          <ItemFieldset key={i} legend={`Pillar ${i + 1}`} id={pillar.id} onRemove={() => edit((d) => void d.pillars.splice(i, 1))}>
            <div className="row">
              <TextInput
                label="Name"
                {...at(`${p}/name`)}
                value={pillar.name}
                maxLength={200}
                required
                onChange={(e) => {
                  const name = e.target.value;
                  edit((d) => {
                    const item = d.pillars[i]!;
                    item.name = name;
                    rename(d, 'pillar', item, name, locked);
                  });
                }}
              />
              <NumberField
                label="Share"
                suffix="%"
                scale={100}
                {...at(`${p}/share`)}
                value={pillar.share}
                onValue={(share) => edit((d) => void (d.pillars[i]!.share = share ?? NaN))}
              />
            </div>
            <label className="choice">
              <input
                type="checkbox"
                id={fieldId(`${p}/promotional`)}
                checked={pillar.promotional}
                onChange={(e) => {
                  const promotional = e.target.checked;
                  edit((d) => void (d.pillars[i]!.promotional = promotional));
                }}
              />
              Promotional (offers, launches, sales messages)
            </label>
          </ItemFieldset>
        );
      })}
      <AddButton
        pointer="/pillars"
        onClick={() =>
          edit((d) => void d.pillars.push({ id: newId(d, 'pillar'), name: '', share: remainingShare(d.pillars), promotional: false }))
        }
      >
        Add pillar
      </AddButton>
      <NumberField
        label="Maximum promotional share"
        suffix="%"
        scale={100}
        {...at('/contentMix/maxPromotionalShare')}
        value={draft.contentMix.maxPromotionalShare}
        onValue={(max) => edit((d) => void (d.contentMix.maxPromotionalShare = max ?? NaN))}
      />
      <MixTotals draft={draft} />
    </>
  );
}
