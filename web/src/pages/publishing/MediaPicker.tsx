/**
 * A variant's images and video: upload from the computer (drag and drop, or the file picker) with
 * progress, thumbnails, alt text for each (required), reorder and remove; an image by URL stays
 * possible. The network's media rules (types, sizes, video) are checked as files arrive, with the
 * same pure check the server runs when the post is submitted.
 */
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type DragEvent } from 'react';
import { useParams } from 'react-router';
import { mediaTypeName, PLATFORM_LIMITS, validateMedia, type MediaInfo, type PlatformLimits } from '../../../../src/content/limits.ts';
import type { Platform } from '../../../../src/plan/schema.ts';
import { messageOf } from '../../api/client.ts';
import { mediaKey, thumbnailUrl, uploadMediaFile, useMediaFiles, type MediaFile } from '../../api/media.ts';
import { Button, fieldId, TextInput } from '../../components/ui.tsx';
import { platformLabel } from './labels.ts';
import type { MediaDraft } from './post-draft.ts';

const mb = (n: number) => `${Math.round(n / 100_000) / 10} MB`;
const sizeOf = (n: number) => (n < 1_000_000 ? `${Math.max(1, Math.round(n / 1000))} kB` : mb(n));

/** "Up to 4: PNG, JPEG, GIF, WebP images up to 1 MB (larger photos are resized); no video." */
export function mediaRules(limits: PlatformLimits): string {
  const m = limits.media;
  const images = `${m.imageTypes.map(mediaTypeName).join(', ')} images up to ${mb(m.maxImageBytes)}${m.shrinksImages ? ' (larger photos are resized)' : ''}`;
  const v = m.video;
  const video = v
    ? `${v.maxCount === 1 ? 'one video' : `up to ${v.maxCount} videos`} (${v.types.map(mediaTypeName).join(', ')}) up to ${mb(v.maxBytes)}${v.alone ? ', on its own' : ''}`
    : 'no video';
  return `Up to ${limits.maxImages}: ${images}; ${video}.`;
}

interface Upload {
  key: number;
  name: string;
  progress: number;
}

export function MediaPicker({
  channel,
  platform,
  pointer,
  media,
  onChange,
  readOnly,
}: {
  channel: string;
  platform: Platform;
  /** JSON pointer of the variant (`/variants/<channel>`). */
  pointer: string;
  media: MediaDraft[];
  onChange: (change: (media: MediaDraft[]) => MediaDraft[]) => void;
  readOnly: boolean;
}) {
  const { ws = '' } = useParams();
  const queryClient = useQueryClient();
  const limits = PLATFORM_LIMITS[platform];
  const name = platformLabel(platform);
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [failures, setFailures] = useState<{ key: number; message: string }[]>([]);
  const [dragging, setDragging] = useState(false);
  /** Told to screen readers when an upload is done (the progress bar disappears silently). */
  const [announced, setAnnounced] = useState('');
  const counter = useRef(0);

  const ids = media.flatMap((m) => (m.mediaId !== undefined ? [m.mediaId] : []));
  const files = useMediaFiles(ws, ids);
  const info = new Map<string, MediaFile>();
  for (const [i, q] of files.entries()) if (q.data) info.set(ids[i]!, q.data);
  const lookup = (id: string): MediaInfo | undefined => info.get(id);
  const issues = validateMedia(platform, media, channel, lookup);
  const issueAt = (i: number) => issues.filter((x) => x.path === `${pointer}/media/${i}`).map((x) => x.message);
  const groupIssues = issues.filter((x) => x.path === `${pointer}/media`).map((x) => x.message);

  const free = limits.maxImages - media.length - uploads.length;

  async function upload(file: File) {
    const key = ++counter.current;
    setUploads((u) => [...u, { key, name: file.name, progress: 0 }]);
    try {
      const stored = await uploadMediaFile(ws, file, (progress) =>
        setUploads((u) => u.map((x) => (x.key === key ? { ...x, progress } : x))),
      );
      queryClient.setQueryData(mediaKey(ws, stored.id), stored);
      onChange((list) => [...list, { mediaId: stored.id, alt: '' }]);
      setAnnounced(`${file.name} uploaded: add its alt text.`);
    } catch (e) {
      setFailures((f) => [...f, { key, message: `${file.name}: ${messageOf(e)}` }]);
    } finally {
      setUploads((u) => u.filter((x) => x.key !== key));
    }
  }

  function add(list: FileList | null) {
    const chosen = [...(list ?? [])];
    if (chosen.length === 0) return;
    const taken = chosen.slice(0, Math.max(0, free));
    if (taken.length < chosen.length) {
      const left = chosen.length - taken.length;
      setFailures((f) => [
        ...f,
        {
          key: ++counter.current,
          message: `${name} takes at most ${limits.maxImages} images or videos in a post: ${left} file${left === 1 ? ' was' : 's were'} not added.`,
        },
      ]);
    }
    for (const file of taken) void upload(file);
  }

  const move = (i: number, by: -1 | 1) =>
    onChange((list) => {
      const next = [...list];
      const [item] = next.splice(i, 1);
      next.splice(i + by, 0, item!);
      return next;
    });
  const setAt = (i: number, change: Partial<{ url: string; alt: string }>) =>
    onChange((list) => list.map((m, j) => (j === i ? ({ ...m, ...change } as MediaDraft) : m)));

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setDragging(false);
    if (!readOnly) add(e.dataTransfer.files);
  };

  const accept = [...limits.media.imageTypes, ...(limits.media.video?.types ?? [])].join(',');

  return (
    <div className="variant-media" id={fieldId(`${pointer}/media`)} tabIndex={-1}>
      <h3 className="variant-subheading">Images and video</h3>
      <p className="muted">{mediaRules(limits)} Every image needs alt text, so people who cannot see it know what it shows.</p>
      {media.length > 0 && (
        <ol className="media-list" aria-label={`Images and video on ${channel}`}>
          {media.map((m, i) => {
            const file = m.mediaId !== undefined ? info.get(m.mediaId) : undefined;
            const label = `${file?.kind === 'video' ? 'Video' : 'Image'} ${i + 1}`;
            const problems = issueAt(i);
            return (
              <li key={m.mediaId ?? `url-${i}`} className="media-item" data-media-id={m.mediaId}>
                <div className="media-thumb">
                  {m.mediaId !== undefined && file?.kind === 'image' && (
                    <img src={thumbnailUrl(ws, m.mediaId)} alt={`Preview of ${file.fileName}`} width={96} height={96} loading="lazy" />
                  )}
                  {file?.kind === 'video' && <span className="media-thumb-label">Video</span>}
                  {m.mediaId === undefined && <span className="media-thumb-label">URL</span>}
                </div>
                <div className="media-fields">
                  {file && (
                    <p className="media-facts">
                      <span className="break">{file.fileName}</span>{' '}
                      <span className="muted">
                        {mediaTypeName(file.mimeType)} · {sizeOf(file.sizeBytes)}
                        {file.width !== null && file.height !== null ? ` · ${file.width}×${file.height}` : ''}
                      </span>
                    </p>
                  )}
                  {m.mediaId === undefined && (
                    <TextInput
                      label={`${label} URL`}
                      pointer={`${pointer}/media/${i}/url`}
                      type="url"
                      placeholder="https://…/photo.jpg"
                      value={m.url}
                      onChange={(e) => setAt(i, { url: e.target.value })}
                    />
                  )}
                  <TextInput
                    label={`${label} alt text`}
                    pointer={`${pointer}/media/${i}/alt`}
                    required
                    value={m.alt}
                    error={
                      (m.mediaId !== undefined || m.url.trim()) && !m.alt.trim()
                        ? 'Alt text is required: describe what it shows.'
                        : undefined
                    }
                    onChange={(e) => setAt(i, { alt: e.target.value })}
                  />
                  {problems.map((p) => (
                    <p key={p} className="field-message error">
                      {p}
                    </p>
                  ))}
                </div>
                {!readOnly && (
                  <div className="media-actions">
                    <Button
                      variant="ghost"
                      aria-label={`Move ${label.toLowerCase()} up on ${channel}`}
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      Up
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Move ${label.toLowerCase()} down on ${channel}`}
                      disabled={i === media.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      Down
                    </Button>
                    <Button
                      variant="ghost"
                      aria-label={`Remove ${label.toLowerCase()} from ${channel}`}
                      onClick={() => onChange((list) => list.filter((_, j) => j !== i))}
                    >
                      Remove
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ol>
      )}
      {groupIssues.map((p) => (
        <p key={p} className="field-message error">
          {p}
        </p>
      ))}
      {uploads.length > 0 && (
        <ul className="media-uploads" aria-label={`Uploading to ${channel}`}>
          {uploads.map((u) => (
            <li key={u.key}>
              <span className="break">{u.name}</span>
              <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
              <span className="muted">{Math.round(u.progress * 100)}%</span>
            </li>
          ))}
        </ul>
      )}
      <p className="visually-hidden" role="status">
        {announced}
      </p>
      {failures.map((f) => (
        <div key={f.key} className="banner banner-error media-failure" role="alert">
          {f.message}{' '}
          <Button variant="ghost" onClick={() => setFailures((list) => list.filter((x) => x.key !== f.key))}>
            Dismiss
          </Button>
        </div>
      ))}
      {!readOnly && (
        <fieldset
          className={`media-drop${dragging ? ' media-drop-active' : ''}`}
          aria-label={`Add media to ${channel}`}
          onDragOver={(e) => {
            e.preventDefault();
            setDragging(true);
          }}
          onDragLeave={() => setDragging(false)}
          onDrop={onDrop}
        >
          <input
            id={inputId}
            className="visually-hidden"
            type="file"
            multiple
            accept={accept}
            disabled={free <= 0}
            onChange={(e) => {
              add(e.target.files);
              e.target.value = '';
            }}
          />
          <label htmlFor={inputId} className={`btn btn-secondary${free <= 0 ? ' btn-disabled' : ''}`}>
            Upload images or video<span className="visually-hidden"> to {channel}</span>
          </label>
          <span className="muted">or drop files here</span>
          <Button
            variant="ghost"
            aria-label={`Add image by URL to ${channel}`}
            disabled={free <= 0}
            onClick={() => onChange((list) => [...list, { url: '', alt: '' }])}
          >
            Add image by URL
          </Button>
        </fieldset>
      )}
    </div>
  );
}
