/**
 * The post's state, the moves open to the caller (only those in `post.actions`), and the review
 * thread: who said what, when. Rejecting needs a comment; approving takes an optional one.
 */
import { useState } from 'react';
import { useAddPostComment, type Post, type PostComment, type ReviewAction } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { Button, Card, ErrorBanner, fieldId, TextArea } from '../../components/ui.tsx';
import { PostStateBadge } from './PostStateBadge.tsx';
import { formatInstant } from './time.ts';

const NEXT: Record<Post['state'], string> = {
  idea: 'An idea: develop it into a draft when you are ready to write it.',
  draft: 'A draft: submit it for review when every channel’s text fits its network.',
  in_review: 'Waiting for an approver to approve it or ask for changes.',
  approved: 'Approved: schedule it at its planned time, or add it to the queue.',
  scheduled: 'Scheduled: it is published at its time unless it is moved or cancelled.',
  publishing: 'Being published right now.',
  published: 'Published on every channel.',
  failed: 'Publishing failed on a channel: see Delivery, fix it and schedule again.',
  cancelled: 'Cancelled: it will not be published. Reopen it as a draft to use it again.',
};

const KIND: Record<PostComment['kind'], string> = { comment: 'commented', approval: 'approved', rejection: 'asked for changes' };

const ACTION_LABEL: Record<ReviewAction, string> = {
  develop: 'Develop into draft',
  submit: 'Submit for review',
  approve: 'Approve',
  reject: 'Reject',
  cancel: 'Cancel post',
  reopen: 'Reopen as draft',
};

const ORDER: ReviewAction[] = ['develop', 'submit', 'approve', 'reject', 'reopen', 'cancel'];

export function ReviewCard({
  ws,
  post,
  comments,
  timezone,
  busy,
  error,
  onAction,
}: {
  ws: string;
  post: Post;
  comments: PostComment[];
  timezone: string;
  busy: boolean;
  /** The last refused move. */
  error: unknown;
  /** Runs a move; resolves true when it succeeded. */
  onAction: (action: ReviewAction, comment?: string) => Promise<boolean>;
}) {
  const [comment, setComment] = useState('');
  const [needComment, setNeedComment] = useState(false);
  const canWrite = useCan(ws, 'content.write');
  const canApprove = useCan(ws, 'content.approve');
  const canComment = canWrite || canApprove;
  const addComment = useAddPostComment(ws);
  const actions = ORDER.filter((a) => post.actions.includes(a));
  // The server offers "approve" on a post in review to every approver except its authors (four eyes).
  const ownPost = post.state === 'in_review' && canApprove && !post.actions.includes('approve');
  const commentId = fieldId('/comment');

  const run = async (action: ReviewAction) => {
    const text = comment.trim();
    if (action === 'reject' && !text) {
      setNeedComment(true);
      document.getElementById(commentId)?.focus();
      return;
    }
    setNeedComment(false);
    if (await onAction(action, text || undefined)) setComment('');
  };
  const send = async () => {
    if (!comment.trim()) return;
    try {
      await addComment.mutateAsync({ id: post.id, body: comment.trim() });
      setComment('');
    } catch {
      // Shown below.
    }
  };

  return (
    <Card title="Review" actions={<PostStateBadge state={post.state} />} className="review-card">
      <p className="review-next">{NEXT[post.state]}</p>
      {comments.length > 0 && (
        <ol className="comment-thread" aria-label="Review thread">
          {comments.map((c) => (
            <li key={c.id} className={`comment comment-${c.kind}`}>
              <p className="comment-meta">
                <strong>{c.authorName ?? 'A former member'}</strong> {KIND[c.kind]} ·{' '}
                <time dateTime={c.createdAt}>{formatInstant(c.createdAt, timezone)}</time>
              </p>
              {c.body && <p className="comment-body">{c.body}</p>}
            </li>
          ))}
        </ol>
      )}
      {canComment && (actions.length > 0 || post.state !== 'cancelled') && (
        <TextArea
          label={post.actions.includes('reject') ? 'Review comment' : 'Comment'}
          pointer="/comment"
          value={comment}
          maxLength={5000}
          error={needComment ? 'Say what should change: rejecting needs a comment.' : undefined}
          hint={post.actions.includes('approve') ? 'Optional when approving; required when rejecting.' : undefined}
          onChange={(e) => setComment(e.target.value)}
        />
      )}
      {ownPost && (
        <p className="review-four-eyes" role="note">
          You wrote or last edited this post, so another member with approval rights must approve it. A workspace owner can allow
          self-approval in the workspace settings.
        </p>
      )}
      <div className="review-actions">
        {actions.map((a) => (
          <Button
            key={a}
            variant={a === 'reject' || a === 'cancel' ? 'danger' : a === 'approve' || a === 'submit' ? 'primary' : 'secondary'}
            disabled={busy}
            onClick={() => void run(a)}
          >
            {ACTION_LABEL[a]}
          </Button>
        ))}
        {canComment && (
          <Button variant="ghost" disabled={!comment.trim() || addComment.isPending} onClick={() => void send()}>
            Add comment
          </Button>
        )}
      </div>
      <ErrorBanner error={error} />
      <ErrorBanner error={addComment.error} />
    </Card>
  );
}
