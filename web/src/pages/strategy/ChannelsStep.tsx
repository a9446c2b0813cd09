import { PLATFORMS, type Platform } from '../../../../src/plan/schema.ts';
import { Card, Select, TextInput } from '../../components/ui.tsx';
import { CapacityBar } from './CapacityBar.tsx';
import { newId, optionalText, rename, replaceReferences, type Draft } from './draft.ts';
import { AddButton, Checklist, ItemFieldset, NumberField, type StepProps } from './fields.tsx';
import { PLATFORM_NAMES } from './labels.ts';
import { PeopleFields } from './PeopleFields.tsx';

type Channel = Draft['channels'][number];

/** Followers and engagement rate go together: no baseline when both are blank. */
function setBaseline(c: Channel, followers: number | undefined, engagementRate: number | undefined): void {
  c.baseline = followers === undefined && engagementRate === undefined ? undefined : { followers: followers ?? NaN, engagementRate };
}

/** Step 3: the channels used and how — purpose, cadence, owner and the base they start from. */
export function ChannelsStep(props: StepProps) {
  const { draft, edit, at, locked } = props;
  const personas = draft.audience.personas.map((p) => ({ id: p.id, label: p.name || p.id }));
  const addChannel = () =>
    edit((d) => {
      const platform: Platform = PLATFORMS.find((pl) => !d.channels.some((c) => c.platform === pl)) ?? 'other';
      d.channels.push({ id: newId(d, 'channel', platform), platform });
    });
  return (
    <>
      <p className="muted step-hint">
        Say what each channel is for, how often you post, who owns it and how many followers it has today: campaigns later build on this
        base.
      </p>
      {draft.channels.map((channel, i) => {
        const p = `/channels/${i}`;
        const change = (fn: (c: Channel) => void) => edit((d) => fn(d.channels[i]!));
        return (
          <ItemFieldset
            key={i}
            legend={`Channel ${i + 1}`}
            id={channel.id}
            onRemove={() =>
              edit((d) => {
                const [removed] = d.channels.splice(i, 1);
                if (removed) replaceReferences(d, 'channel', removed.id, undefined);
              })
            }
          >
            <div className="row">
              <Select
                label="Platform"
                {...at(`${p}/platform`)}
                value={channel.platform}
                onChange={(e) => {
                  const platform = e.target.value as Platform;
                  edit((d) => {
                    const item = d.channels[i]!;
                    item.platform = platform;
                    rename(d, 'channel', item, platform, locked);
                  });
                }}
              >
                {PLATFORMS.map((pl) => (
                  <option key={pl} value={pl}>
                    {PLATFORM_NAMES[pl]}
                  </option>
                ))}
              </Select>
              <TextInput
                label="Handle"
                {...at(`${p}/handle`)}
                value={channel.handle ?? ''}
                maxLength={200}
                spellCheck={false}
                onChange={(e) => {
                  const handle = optionalText(e.target.value);
                  change((c) => void (c.handle = handle));
                }}
              />
            </div>
            <TextInput
              label="Purpose"
              {...at(`${p}/purpose`)}
              hint="In one sentence: what is this channel for?"
              value={channel.purpose ?? ''}
              onChange={(e) => {
                const purpose = optionalText(e.target.value);
                change((c) => void (c.purpose = purpose));
              }}
            />
            <div className="row">
              <NumberField
                label="Posts per week"
                {...at(`${p}/cadence/postsPerWeek`)}
                value={channel.cadence?.postsPerWeek}
                onValue={(n) => change((c) => void (c.cadence = n === undefined ? undefined : { postsPerWeek: n }))}
              />
              <Select
                label="Owner"
                {...at(`${p}/owner`)}
                value={channel.owner ?? ''}
                onChange={(e) => {
                  const owner = e.target.value || undefined;
                  change((c) => void (c.owner = owner));
                }}
              >
                <option value="">— nobody yet —</option>
                {draft.resources.people.map((person) => (
                  <option key={person.id} value={person.id}>
                    {person.name || person.id}
                  </option>
                ))}
              </Select>
            </div>
            <div className="row">
              <NumberField
                label="Followers today"
                {...at(`${p}/baseline/followers`)}
                value={channel.baseline?.followers}
                onValue={(n) => change((c) => setBaseline(c, n, c.baseline?.engagementRate))}
              />
              <NumberField
                label="Engagement rate"
                suffix="%"
                scale={100}
                {...at(`${p}/baseline/engagementRate`)}
                value={channel.baseline?.engagementRate}
                onValue={(n) => change((c) => setBaseline(c, c.baseline?.followers, n))}
              />
            </div>
            <Checklist
              legend="Personas reached here"
              pointer={`${p}/personas`}
              options={personas}
              selected={draft.audience.personas.filter((persona) => persona.channels.includes(channel.id)).map((persona) => persona.id)}
              onChange={(ids) =>
                edit((d) => {
                  const id = d.channels[i]!.id;
                  for (const persona of d.audience.personas) {
                    const reached = ids.includes(persona.id);
                    if (reached && !persona.channels.includes(id)) persona.channels.push(id);
                    if (!reached) persona.channels = persona.channels.filter((c) => c !== id);
                  }
                })
              }
              empty="No personas yet: add them in the Audience step."
            />
          </ItemFieldset>
        );
      })}
      <AddButton pointer="/channels" onClick={addChannel}>
        Add channel
      </AddButton>
      <Card title="Team" className="nested-card">
        <p className="muted step-hint">Channel owners come from the team. Add people here or in the Resources step.</p>
        <PeopleFields {...props} />
      </Card>
      <CapacityBar strategy={draft} />
    </>
  );
}
