/**
 * Parsed plan documents kept per stored row and version, so a read does not parse a strategy's JSON and
 * run it through its schema again while it has not changed. Every read still asks Postgres for the rows
 * and their versions, in the same statement that would bring the documents: a document travels only
 * for a (row, version) this process has not parsed yet. A write by any process bumps the version and is
 * seen on the next read; a plan deleted and created again under the same id is a new row (pk), so it
 * never meets the old row's document. Cached documents are frozen: they are shared between requests.
 */
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Queryable } from '../db/pool.ts';

interface Cached {
  version: number;
  doc: unknown;
}

/** ~1,000 strategies and their campaigns; a big strategy parsed is a few MB at most. */
const MAX_DOCUMENTS = 5_000;
const documents = new LRUCache<string, Cached>({ max: MAX_DOCUMENTS });
/** The row (pk) last seen for a plan id (`<table>/<workspace>/<id>`), and the rows a list read returned last time. */
const rowOfId = new LRUCache<string, string>({ max: MAX_DOCUMENTS });
const rowsOfList = new LRUCache<string, string[]>({ max: MAX_DOCUMENTS });

export interface StoredRow<T> {
  pk: string;
  doc: T;
  version: number;
  createdAt: string;
  updatedAt: string;
}

interface Row {
  pk: string;
  id: string;
  document: unknown;
  version: number;
  created_at: Date;
  updated_at: Date;
}

export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

export interface DocumentRead<T> {
  table: 'strategies' | 'campaigns';
  workspaceId: string;
  /** The plan ids the read asks for… */
  ids?: readonly string[];
  /** …or, for a read by other conditions, a name for it (e.g. `of/<strategy>`): its rows last time are offered as known. */
  list?: string;
  /** Conditions on `t`, with $1… bound to `params`. */
  where: string;
  params: unknown[];
  orderBy?: string;
  lock?: boolean;
  parse: (document: unknown) => T;
}

export async function readDocuments<T>(q: Queryable, r: DocumentRead<T>): Promise<StoredRow<T>[]> {
  const idKey = (id: string) => `${r.table}/${r.workspaceId}/${id}`;
  const listKey = r.list === undefined ? undefined : `${r.table}/${r.workspaceId}/${r.list}`;
  const candidates = listKey === undefined ? (r.ids ?? []).map((id) => rowOfId.get(idKey(id))) : (rowsOfList.get(listKey) ?? []);
  // Taken before the query: an entry evicted meanwhile by another request is still at hand here.
  const known = new Map<string, Cached>();
  for (const pk of candidates) {
    if (pk === undefined) continue;
    const cached = documents.get(pk);
    if (cached) known.set(pk, cached);
  }
  const n = r.params.length;
  const text = `SELECT t.pk, t.id, t.version, t.created_at, t.updated_at,
            CASE WHEN k.version = t.version THEN NULL ELSE t.document END AS document
       FROM ${r.table} t LEFT JOIN unnest($${n + 1}::uuid[], $${n + 2}::int[]) AS k(pk, version) ON k.pk = t.pk
      WHERE ${r.where}${r.orderBy ? ` ORDER BY ${r.orderBy}` : ''}${r.lock ? ' FOR UPDATE OF t' : ''}`;
  // Named, so each pooled connection plans it once: planning cost more than running it.
  const { rows } = await q.query<Row>({
    name: `plan-doc-${createHash('sha1').update(text).digest('base64url')}`,
    text,
    values: [...r.params, [...known.keys()], [...known.values()].map((c) => c.version)],
  });
  if (listKey !== undefined) {
    rowsOfList.set(
      listKey,
      rows.map((row) => row.pk),
    );
  }
  return rows.map((row) => {
    rowOfId.set(idKey(row.id), row.pk);
    let doc: T;
    if (row.document === null) doc = known.get(row.pk)!.doc as T;
    else {
      doc = deepFreeze(r.parse(row.document));
      documents.set(row.pk, { version: row.version, doc });
    }
    return { pk: row.pk, doc, version: row.version, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
  });
}
