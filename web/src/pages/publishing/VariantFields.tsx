/** One channel's variant: text with a live counter against the network's limit, link, images and video (MediaPicker), thread, first comment. */
import { measure, PLATFORM_LIMITS, utf8Length, type PlatformLimits } from '../../../../src/content/limits.ts';
import type { Platform } from '../../../../src/plan/schema.ts';
import { Badge, Button, fieldId, TextArea, TextInput } from '../../components/ui.tsx';
import { platformLabel } from './labels.ts';
import { MediaPicker } from './MediaPicker.tsx';
import type { VariantDraft } from './post-draft.ts';

/** "123 / 300", red when over; Bluesky's byte cap too. */
export function Counter({ text, limits }: { text: string; limits: PlatformLimits }) {
  const length = measure(text, limits.counting);
  const bytes = limits.maxBytes !== undefined ? utf8Length(text) : 0;
  const over = length > limits.maxLength || (limits.maxBytes !== undefined && bytes > limits.maxBytes);
  const unit = limits.counting === 'x' ? 'weighted characters' : 'characters';
  return (
    <span className={`char-counter${over ? ' char-counter-over' : ''}`} data-over={over || undefined}>
      {length} / {limits.maxLength} {unit}
      {over && (length > limits.maxLength ? ` — ${length - limits.maxLength} too many` : ` — ${bytes} of ${limits.maxBytes} bytes`)}
    </span>
  );
}

export function VariantFields({
  channel,
  platform,
  handle,
  shared,
  value,
  onChange,
  inCampaign,
  readOnly = false,
}: {
  channel: string;
  platform: Platform;
  handle?: string;
  /** The post's text for all channels: this variant's unless it has its own. */
  shared: string;
  value: VariantDraft;
  onChange: (change: (v: VariantDraft) => VariantDraft) => void;
  /** False when the post's campaign does not use this channel (a warning, not an error). */
  inCampaign: boolean;
  /** Shown to someone who may not edit the post: empty optional parts and the add/remove buttons are left out. */
  readOnly?: boolean;
}) {
  const limits = PLATFORM_LIMITS[platform];
  const at = `/variants/${channel}`;
  return (
    <fieldset className="variant">
      <legend>Post on {channel}</legend>
      <p className="variant-meta">
        <Badge tone="strategy">{platformLabel(platform)}</Badge>
        {handle && <span className="muted">{handle}</span>}
        <span className="muted">
          up to {limits.maxLength} {limits.counting === 'x' ? 'weighted characters' : 'characters'}, {limits.maxImages} image
          {limits.maxImages === 1 ? '' : 's'}
          {limits.minImages > 0 ? ` (at least ${limits.minImages})` : ''}
          {limits.threads ? ', threads' : ''}
        </span>
        {!inCampaign && <Badge tone="warning">not a channel of the campaign</Badge>}
      </p>
      {value.custom ? (
        <div className="variant-text">
          <TextArea
            label="Text"
            pointer={`${at}/text`}
            rows={5}
            value={value.text}
            hint={<Counter text={value.text} limits={limits} />}
            onChange={(e) => {
              const text = e.target.value;
              onChange((v) => ({ ...v, text }));
            }}
          />
          {!readOnly && (
            <Button variant="ghost" className="variant-text-toggle" onClick={() => onChange((v) => ({ ...v, custom: false }))}>
              Use the text for all channels on {channel}
            </Button>
          )}
        </div>
      ) : (
        <div className="variant-text variant-text-shared">
          <p className="muted">
            Uses the text for all channels: <Counter text={shared} limits={limits} />
          </p>
          {!readOnly && (
            // Carries the text field's id: a finding about this variant's text lands here.
            <Button
              id={fieldId(`${at}/text`)}
              className="variant-text-toggle"
              onClick={() => onChange((v) => ({ ...v, custom: true, text: shared }))}
            >
              Write a different text for {channel}
            </Button>
          )}
        </div>
      )}
      {(!readOnly || value.link) && (
        <TextInput
          label="Link"
          pointer={`${at}/link`}
          type="url"
          inputMode="url"
          placeholder="https://…"
          hint="Shown as a link card where the network supports one."
          value={value.link}
          onChange={(e) => {
            const link = e.target.value;
            onChange((v) => ({ ...v, link }));
          }}
        />
      )}
      {((!readOnly && value.link.trim() !== '') || value.linkTitle || value.linkDescription) && (
        <div className="link-card-fields">
          <TextInput
            label="Link card title"
            pointer={`${at}/linkTitle`}
            maxLength={300}
            placeholder="The page’s title"
            hint="The page is not fetched: the card shows what you write here."
            value={value.linkTitle}
            onChange={(e) => {
              const linkTitle = e.target.value;
              onChange((v) => ({ ...v, linkTitle }));
            }}
          />
          <TextArea
            label="Link card description"
            pointer={`${at}/linkDescription`}
            rows={2}
            maxLength={1000}
            value={value.linkDescription}
            onChange={(e) => {
              const linkDescription = e.target.value;
              onChange((v) => ({ ...v, linkDescription }));
            }}
          />
        </div>
      )}
      {(!readOnly || value.media.length > 0) && (
        <MediaPicker
          channel={channel}
          platform={platform}
          pointer={at}
          media={value.media}
          readOnly={readOnly}
          onChange={(change) => onChange((v) => ({ ...v, media: change(v.media) }))}
        />
      )}
      {((limits.threads && !readOnly) || value.thread.length > 0) && (
        <div className="variant-thread" id={fieldId(`${at}/thread`)} tabIndex={-1}>
          <h3 className="variant-subheading">Thread</h3>
          {value.thread.length === 0 && <p className="muted">Continuation posts are published as replies to the first.</p>}
          <ol className="thread-list">
            {value.thread.map((t, i) => (
              <li key={i}>
                <TextArea
                  label={`Thread post ${i + 2}`}
                  pointer={`${at}/thread/${i}`}
                  value={t}
                  hint={<Counter text={t} limits={limits} />}
                  onChange={(e) => {
                    const text = e.target.value;
                    onChange((v) => ({ ...v, thread: v.thread.map((x, j) => (j === i ? text : x)) }));
                  }}
                />
                {!readOnly && (
                  <Button
                    variant="ghost"
                    aria-label={`Remove thread post ${i + 2} from ${channel}`}
                    onClick={() => onChange((v) => ({ ...v, thread: v.thread.filter((_, j) => j !== i) }))}
                  >
                    Remove
                  </Button>
                )}
              </li>
            ))}
          </ol>
          {limits.threads && !readOnly && (
            <Button
              className="add-button"
              aria-label={`Add to thread on ${channel}`}
              onClick={() => onChange((v) => ({ ...v, thread: [...v.thread, ''] }))}
            >
              Add to thread
            </Button>
          )}
        </div>
      )}
      {(!readOnly || value.firstComment) && (
        <TextArea
          label="First comment"
          pointer={`${at}/firstComment`}
          rows={2}
          value={value.firstComment}
          hint={
            value.firstComment ? (
              <Counter text={value.firstComment} limits={limits} />
            ) : (
              'Optional: posted as the first reply right after the post.'
            )
          }
          onChange={(e) => {
            const firstComment = e.target.value;
            onChange((v) => ({ ...v, firstComment }));
          }}
        />
      )}
    </fieldset>
  );
}
