/**
 * The API's operations as the OpenAPI document describes them, and fast-check arbitraries of
 * requests to one: path parameters (real ids, garbage, encodings the router must survive), its
 * query and header parameters (schema-valid or not), and bodies generated from its JSON Schema —
 * valid, near misses (./mutate.ts), any JSON, malformed JSON, YAML text. A route added to the API is
 * fuzzed without a change here.
 */
import fc from 'fast-check';
import { multipartFile } from '../multipart.ts';
import { png } from '../png.ts';
import { anyJson, anyString, hostileStrings } from './hostile.ts';
import { arbitraryFor, type JsonSchema } from './json-schema-arbitrary.ts';
import { mutatedValue } from './mutate.ts';
import { yamlText } from './yaml-arbitrary.ts';

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

export interface Operation {
  method: string;
  /** The OpenAPI path, with `{name}` placeholders. */
  path: string;
  parameters: Parameter[];
  /** The JSON body's schema, when the operation declares one. */
  body?: JsonSchema;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema?: JsonSchema }> } }>>;
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options']);

export function operationsOf(doc: OpenApiDocument): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const body = op.requestBody?.content?.['application/json']?.schema;
      out.push({ method: method.toUpperCase(), path, parameters: op.parameters ?? [], ...(body ? { body } : {}) });
    }
  }
  return out;
}

/** What the fixture knows: who may ask, real values by path parameter name, and by body property name. */
export interface Known {
  owner: Record<string, string>;
  /** A signed-in user who is not a member of the workspace. */
  stranger: Record<string, string>;
  params: Record<string, readonly string[]>;
  /** Real ids of another workspace, by path parameter name: the owner may not see them. */
  foreign: Record<string, readonly string[]>;
  body: Record<string, readonly unknown[]>;
  /** Record keys of these body properties are real ids too (a post's `variants` by channel id). */
  keys: Record<string, readonly string[]>;
}

export interface GeneratedRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  payload?: string | Buffer;
}

/** Path segments the router and the URL decoder must survive, sent as they are (not encoded). */
const RAW_SEGMENTS = [
  '%00',
  '%',
  '%zz',
  '..',
  '.',
  '%2e%2e',
  'a%2Fb',
  '%C0%AE',
  '%ED%A0%BD',
  '%EF%BF%BF',
  ';',
  '*',
  '%20',
  'a'.repeat(301),
];

/** encodeURIComponent, but a lone surrogate (which it cannot encode) becomes U+FFFD; raw ones are among RAW_SEGMENTS. */
const encode = (s: string): string => encodeURIComponent(s.replace(/\p{Cs}/gu, '\ufffd'));

function pathValue(name: string, schema: JsonSchema | undefined, known: Known): fc.Arbitrary<string> {
  const real = known.params[name] ?? [];
  const foreign = known.foreign[name] ?? [];
  const encoded = fc.oneof(anyString, fc.constantFrom(...hostileStrings), fc.uuid(), schema ? arbitraryFor(schema).map(String) : anyString);
  return fc.oneof(
    ...(real.length > 0 ? [{ weight: 16, arbitrary: fc.constantFrom(...real).map(encode) }] : []),
    ...(foreign.length > 0 ? [{ weight: 1, arbitrary: fc.constantFrom(...foreign).map(encode) }] : []),
    { weight: 3, arbitrary: encoded.filter((s) => s !== '').map(encode) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_SEGMENTS) },
  );
}

/** The value one time in four, else null. */
const sometimes = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

/** A query or header value: schema-valid, or any text. */
function parameterValue(schema: JsonSchema | undefined): fc.Arbitrary<string> {
  const valid = schema ? arbitraryFor(schema).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))) : anyString;
  return fc.oneof(
    { weight: 6, arbitrary: valid },
    { weight: 1, arbitrary: anyString },
    { weight: 1, arbitrary: fc.constantFrom('', '%00', '[]', 'a,b,,', '-1', '1e309', '0000-01-01T00:00:00Z') },
  );
}

function queryString(params: readonly Parameter[]): fc.Arbitrary<string> {
  const entries = params.map((p) => {
    const value = parameterValue(p.schema);
    // Rarely twice: the query parser makes an array of it.
    const values = fc.oneof({ weight: 8, arbitrary: value.map((v) => [v]) }, { weight: 1, arbitrary: fc.tuple(value, value) });
    const entry = fc.tuple(fc.constant(p.name), values);
    return p.required ? entry : sometimes(entry);
  });
  const extra = sometimes(fc.tuple(anyString, fc.array(anyString, { minLength: 1, maxLength: 1 })));
  const rarely = fc.nat({ max: 15 }).map((n) => n === 0);
  return fc.tuple(fc.tuple(...entries, extra), rarely).map(([pairs, rawNul]) => {
    const search = new URLSearchParams();
    for (const pair of pairs) if (pair !== null) for (const v of pair[1]) search.append(pair[0], v);
    const qs = search.toString() + (rawNul ? '&x=%00' : '');
    return qs === '' ? '' : `?${qs}`;
  });
}

/** Ids sit near the top of a body; deeper lies only generated nesting, left as it is. */
const HINT_DEPTH = 8;

/** Puts real ids where the body names them (`strategy`, `mediaId`, a variants record's keys…), so more requests get past the lookups. */
function withHints(value: unknown, known: Known, pick: number, topId: string | undefined): unknown {
  const visit = (v: unknown, depth: number): unknown => {
    if (depth > HINT_DEPTH || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => visit(x, depth + 1));
    const out: Record<string, unknown> = {};
    for (const [k, child] of Object.entries(v)) {
      const hinted = known.body[k];
      const keys = known.keys[k];
      if (depth === 0 && k === 'id' && topId !== undefined) out[k] = topId;
      else if (hinted && hinted.length > 0) out[k] = hinted[pick % hinted.length];
      else if (keys && keys.length > 0 && child !== null && typeof child === 'object' && !Array.isArray(child)) {
        out[k] = Object.fromEntries(Object.values(child).map((c, i) => [keys[(pick + i) % keys.length]!, visit(c, depth + 1)]));
      } else out[k] = visit(child, depth + 1);
    }
    return out;
  };
  return visit(value, 0);
}

const MALFORMED_JSON = [
  '{',
  '{"a":',
  '[1,]',
  'nul',
  '"\\ud83d"',
  '{"a":"\\u0000"}',
  '{"__proto__":{"x":1}}',
  '{"constructor":{"prototype":{"x":1}}}',
  `${'['.repeat(10_000)}${']'.repeat(10_000)}`,
  '',
];

type Body = { contentType: string; payload: string | Buffer } | null;

/** File signatures (PNG, JPEG, GIF, WebP, MP4), so random bytes get past type detection into the decoders. */
const MAGIC = ['89504e470d0a1a0a', 'ffd8ffe0', '474946383961', '52494646000000005745425056503820', '0000001866747970'].map((h) =>
  Buffer.from(h, 'hex'),
);

/** A multipart/form-data upload (the media route's body, which the document does not describe): broken and random files. */
const upload: fc.Arbitrary<() => Body> = fc
  .tuple(
    fc.oneof(
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.from(b)),
      fc.tuple(fc.constantFrom(...MAGIC), fc.uint8Array({ maxLength: 2000 })).map(([magic, rest]) => Buffer.concat([magic, rest])),
      fc.tuple(fc.nat(), fc.nat({ max: 255 }), fc.nat({ max: 500 })).map(([at, byte, cut]) => {
        const image = png(8, 8);
        image[at % image.length] = byte;
        return image.subarray(0, image.length - cut);
      }),
    ),
    fc.constantFrom('file', 'upload', ''),
    anyString,
  )
  .map(([bytes, field, fileName]) => () => {
    const { payload, headers } = multipartFile(bytes, fileName.replace(/["\r\n]/g, ''), 'application/octet-stream', field);
    return { contentType: headers['content-type']!, payload };
  });

function bodyFor(op: Operation, known: Known): fc.Arbitrary<(params: Record<string, string>) => Body> {
  const json = (v: unknown): Body => ({ contentType: 'application/json', payload: JSON.stringify(v) });
  const raw = (contentType: string, payload: string) => (): Body => ({ contentType, payload });
  const schema = op.body;
  const other = [
    { weight: 1, arbitrary: anyJson.map((v) => () => json(v)) },
    { weight: 1, arbitrary: fc.constantFrom(...MALFORMED_JSON).map((p) => raw('application/json', p)) },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.constantFrom('application/yaml', 'text/yaml', 'text/plain', 'application/x-www-form-urlencoded', 'application/octet-stream'),
          yamlText,
        )
        .map(([t, p]) => raw(t, p)),
    },
  ];
  if (!schema) return fc.oneof({ weight: 3, arbitrary: fc.constant(() => null) }, { weight: 3, arbitrary: upload }, ...other);
  const valid = arbitraryFor(schema);
  // The last id in the path is what a PUT's body must repeat as its `id`.
  const hinted = (v: fc.Arbitrary<unknown>) =>
    fc.tuple(v, fc.nat()).map(([value, pick]) => (params: Record<string, string>) => {
      const last = op.parameters.filter((p) => p.in === 'path' && p.name !== 'workspaceId').at(-1);
      return json(withHints(value, known, pick, last === undefined ? undefined : decodeOrSelf(params[last.name] ?? '')));
    });
  return fc.oneof(
    { weight: 6, arbitrary: hinted(valid) },
    { weight: 4, arbitrary: hinted(valid.chain(mutatedValue)) },
    { weight: 1, arbitrary: valid.map((v) => () => json(v)) },
    ...other,
  );
}

function decodeOrSelf(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Who is asking: mostly the workspace owner; sometimes nobody, a stranger, a forged bearer token, or a cross-site page. */
function authFor(known: Known): fc.Arbitrary<Record<string, string>> {
  return fc.oneof(
    { weight: 16, arbitrary: fc.constant(known.owner) },
    { weight: 1, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant(known.stranger) },
    {
      weight: 1,
      arbitrary: fc
        .constantFrom('Bearer x', `Bearer gw_${'a'.repeat(40)}`, 'Basic Zm9vOmJhcg==', 'Bearer')
        .map((authorization) => ({ authorization })),
    },
    { weight: 1, arbitrary: fc.constant({ ...known.owner, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' }) },
  );
}

export function requestFor(op: Operation, known: Known): fc.Arbitrary<GeneratedRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const headerParams = op.parameters.filter((p) => p.in === 'header');
  const params = fc.tuple(...pathParams.map((p) => pathValue(p.name, p.schema, known)));
  const headerValues = fc.tuple(...headerParams.map((p) => sometimes(parameterValue(p.schema))));
  return fc
    .tuple(params, queryString(op.parameters.filter((p) => p.in === 'query')), headerValues, bodyFor(op, known), authFor(known))
    .map(([values, query, headerVals, body, auth]) => {
      const byName = Object.fromEntries(pathParams.map((p, i) => [p.name, values[i]!]));
      const path = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => byName[name] ?? '');
      const headers: Record<string, string> = { ...auth };
      headerParams.forEach((p, i) => {
        const v = headerVals[i];
        // Header values are latin-1 on the wire; other text cannot be sent at all.
        if (v !== null && v !== undefined && /^[\t\x20-\x7e\x80-\xff]*$/.test(v)) headers[p.name] = v;
      });
      const b = body(byName);
      if (b) headers['content-type'] = b.contentType;
      return { method: op.method, url: path + query, headers, ...(b ? { payload: b.payload } : {}) };
    });
}
