/**
 * The composer's "Link tracking" section: whether this post's links go out as tracked short links
 * (when the workspace tracks links), and its own UTM values instead of the defaults.
 */
import { Link } from 'react-router';
import { Card, TextInput } from '../../components/ui.tsx';
import type { TrackingDraft } from './post-draft.ts';

export function LinkTrackingCard({
  ws,
  value,
  workspaceTracks,
  defaultCampaign,
  onChange,
}: {
  ws: string;
  value: TrackingDraft;
  /** The workspace's setting (undefined while it loads). */
  workspaceTracks: boolean | undefined;
  /** What `utm_campaign` is without an override: the campaign's id, else the strategy's. */
  defaultCampaign: string;
  onChange: (change: Partial<TrackingDraft>) => void;
}) {
  if (workspaceTracks === false) {
    return (
      <Card title="Link tracking" className="link-tracking">
        <p className="muted">
          Link tracking is off for this workspace: links go out as written. An owner can switch it on in the{' '}
          <Link to={`/w/${ws}/settings`}>workspace settings</Link>.
        </p>
      </Card>
    );
  }
  return (
    <Card title="Link tracking" className="link-tracking">
      <div className="checkbox-field">
        <div className="checkbox">
          <input
            id="post-track-links"
            type="checkbox"
            checked={value.enabled}
            aria-describedby="post-track-links-hint"
            onChange={(e) => onChange({ enabled: e.target.checked })}
          />
          <label htmlFor="post-track-links">Track the links in this post</label>
        </div>
        <div id="post-track-links-hint" className="field-message">
          When it is published, each link becomes a short link that counts clicks and adds UTM parameters for your web analytics.
        </div>
      </div>
      {value.enabled && (
        <div className="row">
          <TextInput
            label="Campaign tag (utm_campaign)"
            pointer="/tracking/utmCampaign"
            maxLength={200}
            value={value.utmCampaign}
            placeholder={defaultCampaign}
            hint={defaultCampaign ? `Default: ${defaultCampaign}` : undefined}
            onChange={(e) => onChange({ utmCampaign: e.target.value })}
          />
          <TextInput
            label="Content tag (utm_content)"
            pointer="/tracking/utmContent"
            maxLength={200}
            value={value.utmContent}
            hint="Default: the id of each channel’s variant. A link that already has a utm_… parameter keeps its own."
            onChange={(e) => onChange({ utmContent: e.target.value })}
          />
        </div>
      )}
    </Card>
  );
}
