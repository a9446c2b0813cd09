/**
 * How the post will look on each ticked network: the account, the text as the feed shows it (folded
 * with "… more" where the network folds long captions), links, mentions and hashtags picked out, the
 * link card, the images as the network lays them out, and the thread. An approximation for people
 * planning a post, not a pixel copy of any app.
 */
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { PLATFORM_LIMITS, type MediaRef, type VariantContent } from '../../../../src/content/limits.ts';
import type { Platform } from '../../../../src/plan/schema.ts';
import { thumbnailUrl, useMediaFiles } from '../../api/media.ts';
import { platformLabel } from './labels.ts';

/**
 * Where a feed cuts a long text behind "… more" (characters shown first); none: the network shows it
 * whole up to its limit.
 */
export const FEED_FOLD: Partial<Record<Platform, number>> = {
  instagram: 125,
  linkedin: 210,
  facebook: 480,
  threads: 500,
  tiktok: 100,
  youtube: 100,
  pinterest: 100,
};

/** The text the feed shows before "… more", cut at a word boundary; null when it shows it all. */
export function foldText(text: string, platform: Platform): string | null {
  const fold = FEED_FOLD[platform];
  const chars = [...text];
  if (fold === undefined || chars.length <= fold) return null;
  const head = chars.slice(0, fold).join('');
  const space = head.lastIndexOf(' ');
  return (space > fold * 0.6 ? head.slice(0, space) : head).trimEnd();
}

const TOKEN = /(https?:\/\/[^\s]+|[#＃][\p{L}\p{N}_]+|@[\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}.-]+)?)/gu;

/** Text with links, hashtags and mentions marked the way feeds colour them. */
function Rich({ text }: { text: string }) {
  const parts = text.split(TOKEN);
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <span key={i} className="preview-token">
            {part.startsWith('http') && part.length > 40 ? `${part.slice(0, 37)}…` : part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}

/**
 * Images from this server are shown (uploads by their thumbnail); others stand as tiles with their alt
 * text (the page never fetches user-given URLs), and so does a video.
 */
function Images({ media }: { media: VariantContent['media'] }) {
  const { ws = '' } = useParams();
  const shown = media.filter((m) => m.mediaId !== undefined || m.url.trim() !== '');
  const files = useMediaFiles(
    ws,
    shown.flatMap((m) => (m.mediaId !== undefined ? [m.mediaId] : [])),
  );
  const kindOf = (id: string) => files.find((q) => q.data?.id === id)?.data?.kind;
  if (shown.length === 0) return null;
  const src = (m: MediaRef) =>
    m.mediaId !== undefined ? (kindOf(m.mediaId) === 'image' ? thumbnailUrl(ws, m.mediaId) : null) : m.url.startsWith('/') ? m.url : null;
  return (
    <div className={`preview-images preview-images-${Math.min(shown.length, 4)}`}>
      {shown.slice(0, 4).map((m, i) => {
        const url = src(m);
        return (
          <div key={i} className="preview-image">
            {url ? <img src={url} alt={m.alt} /> : <span className="preview-image-alt">{m.alt || 'Image without alt text'}</span>}
            {i === 3 && shown.length > 4 && <span className="preview-more">+{shown.length - 4}</span>}
          </div>
        );
      })}
    </div>
  );
}

function LinkCard({ content }: { content: VariantContent }) {
  if (!content.link) return null;
  let host = content.link;
  try {
    host = new URL(content.link).host;
  } catch {
    // Not a URL yet (still being typed): show it as written.
  }
  return (
    <div className="preview-card">
      <span className="preview-card-host">{host}</span>
      <strong>{content.linkTitle || host}</strong>
      {content.linkDescription && <span className="preview-card-description">{content.linkDescription}</span>}
    </div>
  );
}

function Post({ who, text, platform, children }: { who: string; text: string; platform: Platform; children?: ReactNode }) {
  const folded = foldText(text, platform);
  return (
    <div className="preview-post">
      <span className="preview-who">{who}</span>
      <p className="preview-text">
        {text.trim() === '' ? <span className="muted">No text yet.</span> : <Rich text={folded ?? text} />}
        {folded !== null && <span className="preview-fold">… more</span>}
      </p>
      {children}
    </div>
  );
}

export function PostPreview({
  channel,
  platform,
  handle,
  content,
}: {
  channel: string;
  platform: Platform;
  handle?: string;
  content: VariantContent;
}) {
  const who = handle || channel;
  const threads = PLATFORM_LIMITS[platform].threads;
  return (
    <section className="preview" aria-label={`Preview on ${channel}`} data-platform={platform}>
      <h3 className="preview-network">
        {platformLabel(platform)} <span className="muted">· {channel}</span>
      </h3>
      <Post who={who} text={content.text} platform={platform}>
        <Images media={content.media} />
        <LinkCard content={content} />
      </Post>
      {threads &&
        content.thread.map((t, i) => (
          <div key={i} className="preview-reply">
            <Post who={who} text={t} platform={platform} />
          </div>
        ))}
      {content.firstComment && (
        <div className="preview-reply">
          <Post who={who} text={content.firstComment} platform={platform} />
        </div>
      )}
    </section>
  );
}
