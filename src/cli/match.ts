/**
 * `groundwork match --queries <file> --posts <jsonl> [--format jsonl]`
 *
 * Runs listening queries over posts with the same compiled matcher the listener uses, no database
 * needed. Queries: one `id<TAB>query` per line (blank lines skipped). Posts: JSON lines
 * `{id, text, author?, lang?, channel?, links?: [url], media?: number}`, read as a stream. Prints one
 * JSON line per post that matched, in input order: `{"post": id, "queries": [ids sorted as strings]}`.
 * Exit codes: 0 done; 2 unreadable input — a query that does not parse (its id and position), a
 * malformed queries or posts line (its line number), a missing file.
 */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { Option, type Command } from 'commander';
import { z } from 'zod';

const EXIT_OK = 0;
const EXIT_UNREADABLE = 2;

interface MatchCommandOptions {
  queries: string;
  posts: string;
  format?: 'jsonl';
}

interface MatchIo {
  stdout: NodeJS.WritableStream;
  stderr: { write(s: string): unknown };
}

const postSchema = z.object({
  id: z.union([z.string(), z.number()]),
  text: z.string(),
  author: z.string().nullish(),
  lang: z.string().nullish(),
  channel: z.string().nullish(),
  links: z.array(z.string()).optional(),
  media: z.number().optional(),
});

export function registerMatch(program: Command): void {
  program
    .command('match')
    .description('run listening queries over posts (JSON lines) and print which queries each post matched (no database needed)')
    .requiredOption('-q, --queries <file>', 'the queries: one id<TAB>query per line')
    .requiredOption('-p, --posts <file>', 'the posts: JSON lines {id, text, author?, lang?, channel?, links?, media?}')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['jsonl']).default('jsonl'))
    .addHelpText(
      'after',
      '\nPrints {"post": id, "queries": [ids…]} for each post that matched, in input order.\n' +
        'Exit codes: 0 done; 2 unreadable input (a query that does not parse, a malformed line, a missing file).',
    )
    .action(async (opts: MatchCommandOptions) => {
      process.exitCode = await runMatch(opts);
    });
}

const reason = (e: unknown) => (e instanceof Error ? e.message.replace(/^[A-Z]+: /, '') : String(e));

/** Runs the command; returns the exit code. */
async function runMatch(opts: MatchCommandOptions, io: MatchIo = process): Promise<number> {
  const [{ compileMatcher }, { QuerySyntaxError }] = await Promise.all([
    import('../listening/matcher.ts'),
    import('../listening/query/syntax-error.ts'),
  ]);
  const fail = (message: string): number => {
    io.stderr.write(`groundwork match: ${message}\n`);
    return EXIT_UNREADABLE;
  };

  // — queries —
  let text: string;
  try {
    text = await readFile(opts.queries, 'utf8');
  } catch (e) {
    return fail(`cannot read ${opts.queries}: ${reason(e)}`);
  }
  const queries: { id: string; query: string; line: number }[] = [];
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.trim() === '') continue;
    const tab = line.indexOf('\t');
    const id = tab < 0 ? '' : line.slice(0, tab).trim();
    if (id === '') return fail(`${opts.queries}:${i + 1}: expected id<TAB>query`);
    if (seen.has(id)) return fail(`${opts.queries}:${i + 1}: query id "${id}" appears twice`);
    seen.add(id);
    queries.push({ id, query: line.slice(tab + 1), line: i + 1 });
  }
  let matcher: ReturnType<typeof compileMatcher>;
  try {
    matcher = compileMatcher(queries);
  } catch (e) {
    if (!(e instanceof QuerySyntaxError)) throw e;
    const { queryId } = e.details as { queryId: string };
    const line = queries.find((q) => q.id === queryId)?.line;
    return fail(`${opts.queries}:${line}: query "${queryId}": ${e.message} (position ${e.position})`);
  }

  // — posts, streamed —
  const input = createReadStream(opts.posts, { encoding: 'utf8' });
  const opened = await new Promise<Error | null>((resolve) => {
    input.once('open', () => resolve(null));
    input.once('error', resolve);
  });
  if (opened) return fail(`cannot read ${opts.posts}: ${reason(opened)}`);
  let buffer = '';
  const flush = async () => {
    if (buffer === '') return;
    const chunk = buffer;
    buffer = '';
    if (!io.stdout.write(chunk)) await new Promise((resolve) => io.stdout.once('drain', resolve));
  };
  let lineNumber = 0;
  try {
    for await (const line of createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY })) {
      lineNumber++;
      if (line.trim() === '') continue;
      let json: unknown;
      try {
        json = JSON.parse(line);
      } catch {
        await flush();
        return fail(`${opts.posts}:${lineNumber}: not valid JSON`);
      }
      const parsed = postSchema.safeParse(json);
      if (!parsed.success) {
        await flush();
        const issue = parsed.error.issues[0]!;
        return fail(`${opts.posts}:${lineNumber}: ${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
      }
      const ids = matcher.match(parsed.data);
      if (ids.length > 0) {
        buffer += `${JSON.stringify({ post: parsed.data.id, queries: ids })}\n`;
        if (buffer.length >= 65_536) await flush();
      }
    }
  } catch (e) {
    await flush();
    return fail(`cannot read ${opts.posts}: ${reason(e)}`);
  } finally {
    input.destroy();
  }
  await flush();
  return EXIT_OK;
}
