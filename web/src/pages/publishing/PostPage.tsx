/**
 * `/w/:ws/posts/new` and `/w/:ws/posts/:id`: the composer for a new post (`?at=YYYY-MM-DDTHH:mm`
 * prefills the planned time, e.g. from a calendar slot), or a stored post with its review.
 */
import { useState, type ReactNode } from 'react';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { usePost, type PostWarning } from '../../api/posts.ts';
import { useCan } from '../../api/session.ts';
import { useStrategies } from '../../api/strategies.ts';
import { useWorkspaceTimezone } from '../../api/workspaces.ts';
import { Card, EmptyState, Loading, usePageTitle } from '../../components/ui.tsx';
import { postTitle } from './labels.ts';
import { PostEditor, type PageNotes } from './PostEditor.tsx';

const LOCAL_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;

export function PostPage() {
  const { id } = useParams();
  // One page per post: going from the new post to the saved one (or to another post) starts afresh.
  return <PostPageFor key={id ?? 'new'} />;
}

function PostPageFor() {
  const { ws = '', id } = useParams();
  const location = useLocation();
  const [search] = useSearchParams();
  const strategies = useStrategies(ws);
  const post = usePost(ws, id);
  const zone = useWorkspaceTimezone(ws);
  const canWrite = useCan(ws, 'content.write');
  const [reloads, setReloads] = useState(0);
  const carried = location.state as { warnings?: PostWarning[]; notice?: string } | null;
  const [notes, setNotes] = useState<PageNotes>({ warnings: carried?.warnings ?? [], notice: carried?.notice ?? null });
  usePageTitle(id ? (post.data ? `Post: ${postTitle(post.data.post, 50)}` : 'Post') : 'New post');

  if (id && post.error) {
    const missing = post.error instanceof ApiError && post.error.status === 404;
    return (
      <Refusal title={missing ? 'No such post' : 'The post could not be loaded'} ws={ws}>
        {post.error.message} {missing && 'It may have been deleted, or it belongs to another workspace.'}
      </Refusal>
    );
  }
  if (strategies.error)
    return (
      <Refusal title="The strategies could not be loaded" ws={ws}>
        {strategies.error.message}
      </Refusal>
    );
  if (strategies.isPending || (id && !post.data) || zone.isPending) return <Loading what={id ? 'Loading the post' : 'Loading'} />;
  if (!id && !canWrite) {
    return (
      <Refusal title="You cannot write posts here" ws={ws}>
        Your role in this workspace can read posts but not write them. Ask an owner to make you an editor.
      </Refusal>
    );
  }
  if (!id && strategies.data.length === 0) {
    return (
      <div className="page narrow publishing-page">
        <h1>New post</h1>
        <EmptyState title="A post belongs to a strategy" action={<Link to={`/w/${ws}/strategies/new`}>Build the strategy</Link>}>
          Every post serves a strategy: it goes out on the strategy’s channels and is tagged with one of its content pillars. Build the
          strategy first, then write posts for it.
        </EmptyState>
      </div>
    );
  }
  const at = search.get('at');
  const reload = async () => {
    await post.refetch();
    setNotes({ warnings: [], notice: null });
    setReloads((n) => n + 1);
  };
  return (
    <PostEditor
      key={`${id ?? 'new'}:${reloads}`}
      ws={ws}
      stored={post.data?.post}
      comments={post.data?.comments ?? []}
      strategies={strategies.data}
      workspaceZone={zone.timezone}
      initialTime={at && LOCAL_RE.test(at) ? at : null}
      notes={notes}
      setNotes={setNotes}
      onReload={() => void reload()}
      canWrite={canWrite}
    />
  );
}

function Refusal({ title, ws, children }: { title: string; ws: string; children: ReactNode }) {
  return (
    <div className="page narrow publishing-page">
      <span className="kind-label">Post</span>
      <h1>{title}</h1>
      <Card>
        <p>{children}</p>
        <Link to={`/w/${ws}/posts`}>Back to the posts</Link>
      </Card>
    </div>
  );
}
