/**
 * The one fetch wrapper, typed by the API contract. A feature's routes are `bind`-ed once: its
 * endpoints (src/<feature>/endpoints.ts, where each route is, held at run time) with the types of
 * its contract (src/<feature>/contract.ts, imported as types only: no schema reaches the browser).
 * `call(route, { params, query, body, headers })` then takes exactly what the route's schemas
 * accept and returns what its success answers. No path, parameter, body or answer is written here
 * by hand: change a schema or a path on the server and the web app stops compiling where it no
 * longer fits. JSON in, JSON out (a string body is YAML); `{ error: { code, message, details } }` → ApiError.
 */
import {
  fullPath,
  type BodyOf,
  type Contract,
  type Endpoint,
  type HeadersOf,
  type ParamsOf,
  type QueryOf,
  type ResponseOf,
  type RouteDef,
} from '../../../src/http/contract.ts';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

declare const CONTRACT: unique symbol;

/** A route the web app calls: where it is (its endpoint), typed by its contract entry R. */
export interface ApiRoute<R extends RouteDef> extends Endpoint {
  /** Never set: carries the entry's type from `bind` to `call`. */
  readonly [CONTRACT]?: R;
}

/** The endpoint a contract entry is at: a feature's endpoints must be the very ones its entries spread. */
type EndpointOf<R extends RouteDef> = { readonly method: R['method']; readonly path: R['path'] } & (R extends { readonly base: infer B }
  ? { readonly base: B }
  : { readonly base?: undefined });

/**
 * A feature's routes for the web app: its endpoints, typed by its contract `C` (a type: the contract
 * module is imported with `import type`). Fails to compile when an endpoint is missing or differs
 * from its entry's.
 */
export const bind = <C extends Contract>(
  endpoints: { readonly [K in keyof C]: EndpointOf<C[K]> },
): { readonly [K in keyof C]: ApiRoute<C[K]> } => endpoints as { readonly [K in keyof C]: ApiRoute<C[K]> };

/** `EmptyObject extends T` holds when T has no required key (an empty object is a T). */
type EmptyObject = Record<never, never>;

/** One part of a call's input: absent when the route has no such schema, optional when the schema accepts nothing. */
type Part<K extends string, T> = [T] extends [undefined]
  ? { readonly [P in K]?: never }
  : undefined extends T
    ? { readonly [P in K]?: T }
    : EmptyObject extends T
      ? { readonly [P in K]?: T }
      : { readonly [P in K]: T };

/** What `call` takes for a route: its params, query, body and headers, each typed by the route's schema. */
export type CallInput<R extends RouteDef> = Part<'params', ParamsOf<R>> &
  Part<'query', QueryOf<R>> &
  Part<'body', BodyOf<R>> &
  Part<'headers', HeadersOf<R>>;
/** What `urlOf` takes: the params and query. */
export type UrlInput<R extends RouteDef> = Part<'params', ParamsOf<R>> & Part<'query', QueryOf<R>>;

/** The input argument, optional when nothing in it is required. */
type Args<I> = EmptyObject extends I ? [input?: I] : [input: I];

interface LooseInput {
  params?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
  headers?: Record<string, string | undefined>;
}

/** The route's URL with its `:params` filled in (encoded) and its query (unset and empty values left out). */
export function urlOf<R extends RouteDef>(route: ApiRoute<R>, ...[input]: Args<UrlInput<R>>): string {
  return buildUrl(route, (input ?? {}) as LooseInput);
}

function buildUrl(route: Endpoint, { params = {}, query = {} }: LooseInput): string {
  const path = fullPath(route).replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined || value === null) throw new Error(`${route.method} ${route.path}: no value for :${name}`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${path}?${qs}` : path;
}

/** Calls the route; resolves to its success's answer (null for a 204), rejects with ApiError. */
export async function call<R extends RouteDef>(route: ApiRoute<R>, ...[input]: Args<CallInput<R>>): Promise<ResponseOf<R>> {
  const loose = (input ?? {}) as LooseInput;
  const { body, headers: given = {} } = loose;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(given)) if (value !== undefined) headers[name] = value;
  let payload: BodyInit | undefined;
  if (typeof body === 'string') {
    payload = body;
    headers['content-type'] ??= 'application/yaml';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(buildUrl(route, loose), { method: route.method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return null as ResponseOf<R>;
  const text = await res.text();
  if (!res.ok) {
    let error: { code?: string; message?: string; details?: unknown } = {};
    try {
      error = (JSON.parse(text) as { error?: typeof error }).error ?? {};
    } catch {
      // Not our JSON (a proxy error page): keep the status.
    }
    throw new ApiError(res.status, error.code ?? `http.${res.status}`, error.message ?? res.statusText, error.details);
  }
  return (text ? JSON.parse(text) : undefined) as ResponseOf<R>;
}

/** `If-Match` for a write that must not overwrite a newer version (none: overwrite whatever is there). */
export const ifMatch = (version: number | undefined): { 'if-match'?: string } =>
  version === undefined ? {} : { 'if-match': `"${version}"` };

/** A human message for any thrown value. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
