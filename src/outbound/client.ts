/**
 * The one HTTP client for user-given URLs (webhooks, Mastodon and Bluesky servers, image URLs).
 *
 * The address check happens where the socket is opened, inside an undici Agent: a host name is
 * resolved by our `lookup`, which refuses the connection when any resolved address is forbidden
 * (policy.ts), so a name that resolves to a public address when checked and to 127.0.0.1 when used
 * (DNS rebinding) cannot get through — there is no separate "check, then connect". Literal
 * addresses never reach `lookup` (Node connects to them directly), so the connect function checks
 * them itself; the URL parser has already turned `2130706433`, `0x7f000001`, `127.1` and
 * `[::ffff:127.0.0.1]` into their canonical form by then.
 *
 * Redirects are followed here, hop by hop (each a new connection through the same Agent, so each is
 * checked), at most `maxRedirects`; credentials are dropped when a redirect leaves the origin.
 * The whole exchange, body included, has one time limit, and a body larger than `maxBytes` is cut
 * off with an error rather than buffered.
 *
 * `OUTBOUND_ALLOW` hosts (exact names or addresses as written in URLs) skip the address check: for
 * self-hosted instances on a private network, and for tests talking to local servers.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import {
  Agent,
  buildConnector,
  fetch as undiciFetch,
  Headers as UndiciHeaders,
  Response as UndiciResponse,
  type RequestInit as UndiciRequestInit,
} from 'undici';
import { findOutboundError, forbiddenAddress, OutboundError } from './errors.ts';
import { isForbiddenAddress } from './policy.ts';

export interface OutboundOptions {
  /** Hosts the address check does not apply to (OUTBOUND_ALLOW). */
  allow?: readonly string[];
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** The whole request, body included. Default 60 s (Mastodon media processing is slow). */
  timeoutMs?: number;
  /** The largest response body read. Default 64 MB: above the largest image a connector takes (Bluesky reads up to 50 MB to shrink it). */
  maxBytes?: number;
}

export interface Outbound {
  /** A `fetch` that only reaches allowed addresses. */
  fetch: typeof fetch;
  /** The guarded Agent, for libraries that call the global fetch themselves (masto: `requestInit.dispatcher`): same address policy, size cap and idle timeouts. */
  dispatcher: Agent;
}

/** The host as URLs spell it, lowercased, without IPv6 brackets; entries that do not parse are kept as typed. */
function normaliseHost(host: string): string {
  const h = host.trim().toLowerCase();
  try {
    return new URL(`http://${h}`).hostname.replace(/^\[(.*)\]$/, '$1');
  } catch {
    return h;
  }
}

const REDIRECT = new Set([301, 302, 303, 307, 308]);
const NULL_BODY = new Set([101, 103, 204, 205, 304]);

/** A `lookup` that refuses a host any of whose addresses is forbidden (unless `allow` names it): the check where the socket is opened. */
function guardedLookup(allow: ReadonlySet<string>): LookupFunction {
  return (hostname, lookupOptions, callback) => {
    dnsLookup(hostname, { ...lookupOptions, all: true }, (err, addresses: LookupAddress[]) => {
      if (err) return callback(err, '', 0);
      const bad = allow.has(normaliseHost(hostname)) ? undefined : addresses.find((a) => isForbiddenAddress(a.address));
      if (bad) return callback(forbiddenAddress(hostname, bad.address), '', 0);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      // Node asks for all addresses when it races IPv4 and IPv6 (autoSelectFamily), one otherwise.
      if (lookupOptions.all) (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, addresses);
      else callback(null, first.address, first.family);
    });
  };
}

/**
 * The same address policy for a connection this module's fetch cannot make (a WebSocket: the Bluesky
 * firehose): `lookup` for the socket's options, and `check` for a URL whose host is a literal address
 * (those never reach a lookup). Throws the OutboundError a forbidden address gets.
 */
export function guardSocket(allowList: readonly string[] = []): { lookup: LookupFunction; check(url: string): void } {
  const allow = new Set(allowList.map(normaliseHost));
  return {
    lookup: guardedLookup(allow),
    check(url) {
      const host = normaliseHost(new URL(url).hostname);
      if (isIP(host) !== 0 && !allow.has(host) && isForbiddenAddress(host)) throw forbiddenAddress(host, host);
    },
  };
}

export function createOutbound(options: OutboundOptions = {}): Outbound {
  const allow = new Set((options.allow ?? []).map(normaliseHost));
  const maxRedirects = options.maxRedirects ?? 5;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const maxBytes = options.maxBytes ?? 64_000_000;

  const lookup = guardedLookup(allow);
  const connectGuarded = buildConnector({ lookup });
  const dispatcher = new Agent({
    // The same limits at the socket level, for callers that use the dispatcher with the global fetch
    // (masto) and so bypass guardedFetch's own timer and byte count.
    maxResponseSize: maxBytes,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    connect: (opts, callback) => {
      const host = opts.hostname;
      if (isIP(host) !== 0 && !allow.has(normaliseHost(host)) && isForbiddenAddress(host)) {
        callback(forbiddenAddress(host, host), null);
        return;
      }
      connectGuarded(opts, callback);
    },
  });

  const guardedFetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    let url: URL;
    try {
      url = new URL(typeof input === 'string' || input instanceof URL ? input : input.url);
    } catch {
      throw new OutboundError('outbound.invalid_url', 'The URL is not valid.');
    }
    // A Request carries what an init would; the explicit init wins, as in fetch.
    const fromRequest: RequestInit =
      typeof input === 'string' || input instanceof URL
        ? {}
        : {
            method: input.method,
            headers: input.headers,
            body: input.body,
            signal: input.signal,
            redirect: input.redirect,
            ...({ duplex: 'half' } as object),
          };
    const merged: RequestInit = { ...fromRequest, ...init };
    const mode = merged.redirect ?? 'follow';
    let method = (merged.method ?? 'GET').toUpperCase();
    let body = merged.body;
    const headers = new UndiciHeaders(merged.headers as ConstructorParameters<typeof UndiciHeaders>[0]);

    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = merged.signal ? AbortSignal.any([merged.signal, timeout]) : timeout;

    try {
      for (let hop = 0; ; hop++) {
        if (url.protocol !== 'http:' && url.protocol !== 'https:') {
          throw new OutboundError(
            hop === 0 ? 'outbound.invalid_url' : 'outbound.redirect_refused',
            `Only http and https URLs are called (not ${url.protocol}).`,
          );
        }
        const res = await undiciFetch(url, {
          ...(merged as UndiciRequestInit),
          method,
          body: body as UndiciRequestInit['body'],
          headers,
          redirect: 'manual',
          signal,
          dispatcher,
        });
        const location = res.headers.get('location');
        if (!REDIRECT.has(res.status) || location === null || mode === 'manual') return limitBody(res, maxBytes);
        await res.body?.cancel();
        if (mode === 'error')
          throw new OutboundError(
            'outbound.redirect_refused',
            `The server redirected (${res.status}), which this request does not accept.`,
          );
        if (hop >= maxRedirects)
          throw new OutboundError('outbound.redirect_refused', `The server redirected more than ${maxRedirects} times.`);
        let next: URL;
        try {
          next = new URL(location, url);
        } catch {
          throw new OutboundError(
            'outbound.redirect_refused',
            `The server redirected (${res.status}) to an address that is not a valid URL.`,
          );
        }
        if (next.origin !== url.origin) {
          headers.delete('authorization');
          headers.delete('cookie');
        }
        // As browsers do: 303 turns anything but HEAD into GET, 301/302 turn POST into GET; 307/308 repeat the request.
        if ((res.status === 303 && method !== 'HEAD') || ((res.status === 301 || res.status === 302) && method === 'POST')) {
          method = 'GET';
          body = undefined;
          headers.delete('content-type');
          headers.delete('content-length');
        }
        url = next;
      }
    } catch (e) {
      const known = findOutboundError(e);
      if (known) throw known;
      if (timeout.aborted && !merged.signal?.aborted)
        throw new OutboundError('outbound.timeout', `No complete answer from ${url.host} within ${Math.round(timeoutMs / 1000)} s.`);
      throw e;
    }
  };

  return { fetch: guardedFetch as typeof fetch, dispatcher };
}

/** Whether undici's `maxResponseSize` ended the body (fetch reports it as `TypeError('terminated', { cause })`). */
function exceededAtSocket(e: unknown): boolean {
  for (let cur = e, depth = 0; cur instanceof Error && depth < 5; cur = cur.cause, depth++) {
    if ((cur as { code?: unknown }).code === 'UND_ERR_RES_EXCEEDED_MAX_SIZE') return true;
  }
  return false;
}

/** The response with its body cut off (as an error) past `maxBytes`; a declared larger length fails at once. */
function limitBody(res: UndiciResponse, maxBytes: number): Response {
  const tooLarge = () =>
    new OutboundError('outbound.too_large', `The answer is larger than ${maxBytes} bytes, more than Groundwork reads.`);
  const declared = Number(res.headers.get('content-length'));
  if (declared > maxBytes) {
    void res.body?.cancel();
    throw tooLarge();
  }
  if (!res.body || NULL_BODY.has(res.status)) return res as unknown as Response;
  // Global and undici stream types differ only in their TypeScript declarations.
  const reader = (res.body as unknown as ReadableStream<Uint8Array>).getReader();
  let seen = 0;
  const limited = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const { done, value } = await reader.read();
        if (done) return controller.close();
        seen += value.byteLength;
        if (seen > maxBytes) {
          await reader.cancel();
          return controller.error(tooLarge());
        }
        controller.enqueue(value);
      } catch (e) {
        // The Agent's own cap (the same size) may stop the socket first: reported as the same coded error.
        controller.error(exceededAtSocket(e) ? tooLarge() : e);
      }
    },
    cancel: (reason) => reader.cancel(reason),
  });
  const out = new UndiciResponse(limited as unknown as ConstructorParameters<typeof UndiciResponse>[0], {
    status: res.status,
    statusText: res.statusText,
    headers: res.headers,
  });
  Object.defineProperty(out, 'url', { value: res.url });
  return out as unknown as Response;
}
