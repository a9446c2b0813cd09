/** The one fetch wrapper: JSON in, JSON out, `{ error: { code, message, details } }` → ApiError. */
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

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export async function api<T>(method: Method, path: string, body?: unknown, init: { headers?: Record<string, string>; text?: boolean } = {}): Promise<T> {
  const headers: Record<string, string> = { ...init.headers };
  let payload: BodyInit | undefined;
  if (typeof body === 'string') {
    payload = body;
    headers['content-type'] ??= 'application/yaml';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(`/api/v1${path}`, { method, headers, body: payload, credentials: 'same-origin' });
  if (res.status === 204) return undefined as T;
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
  return (init.text ? text : text ? JSON.parse(text) : undefined) as T;
}

/** A human message for any thrown value. */
export const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
