/** The short links a published post went out with, and what each brought: clicks and unique visitors. */
import { usePostLinks } from '../../api/links.ts';
import type { Post } from '../../api/posts.ts';
import { Card, ErrorBanner, Loading } from '../../components/ui.tsx';

/** `bakery.example/rye` of a target, without its UTM parameters (they are the same on every link). */
function shortTarget(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) if (key.startsWith('utm_')) u.searchParams.delete(key);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

/** `canRead`: the caller may see analytics (the card is not shown otherwise). */
export function TrackedLinksCard({ ws, post, canRead }: { ws: string; post: Post; canRead: boolean }) {
  const published = post.variants.some((v) => v.state === 'published');
  const links = usePostLinks(ws, post.id, published && canRead);
  if (!published || !canRead) return null;
  return (
    <Card title="Tracked links" className="tracked-links">
      {links.isPending ? (
        <Loading what="Loading the links" />
      ) : links.error ? (
        <ErrorBanner error={links.error} />
      ) : links.data.length === 0 ? (
        <p className="muted">
          No tracked links: the post had no links, or it went out while link tracking was off for it or for the workspace.
        </p>
      ) : (
        <div className="table-scroll">
          <table className="table tracked-links-table">
            <caption className="visually-hidden">Tracked links of this post with their clicks</caption>
            <thead>
              <tr>
                <th scope="col">Link</th>
                <th scope="col" className="num">
                  Clicks
                </th>
                <th scope="col" className="num">
                  Visitors
                </th>
              </tr>
            </thead>
            <tbody>
              {links.data.map((l) => (
                <tr key={l.id}>
                  <td>
                    <a href={l.targetUrl} target="_blank" rel="noreferrer" title={l.targetUrl}>
                      {shortTarget(l.targetUrl)}
                    </a>
                    <div className="muted">
                      {l.channel ?? 'no channel'} · <code>/l/{l.code}</code>
                    </div>
                  </td>
                  <td className="num">{l.clicks}</td>
                  <td className="num">{l.uniqueVisitors}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p className="field-message">
        Clicks by people (known bots are not counted); visitors are counted once a day each, without keeping who they are.
      </p>
    </Card>
  );
}
