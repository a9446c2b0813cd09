/** Test helpers for the binary exports: the example plan, a PDF's Info title, and a tiny zip reader. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import { loadPlanText } from '../src/plan/load.ts';
import type { Campaign, Strategy } from '../src/plan/schema.ts';

const NORTHWIND = fileURLToPath(new URL('../examples/northwind/', import.meta.url));

/** examples/northwind: one strategy and its campaigns. */
export function northwind(): { strategy: Strategy; campaigns: Campaign[] } {
  const docs = readdirSync(NORTHWIND)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((f) => loadPlanText(readFileSync(path.join(NORTHWIND, f), 'utf8'), f).documents.map((d) => d.doc));
  const strategy = docs.find((d): d is Strategy => d.kind === 'strategy');
  if (!strategy) throw new Error('examples/northwind has no strategy');
  return { strategy, campaigns: docs.filter((d): d is Campaign => d.kind === 'campaign') };
}

/**
 * How pdfkit writes a string into the (uncompressed) Info dictionary: a literal string `(…)`
 * with `\`, `(` and `)` escaped — ASCII as is, anything else as UTF-16BE after a byte-order mark.
 */
export function pdfInfoString(value: string): Buffer {
  const ascii = [...value].every((c) => c.charCodeAt(0) <= 0x7f);
  const bytes = ascii ? Buffer.from(value, 'latin1') : Buffer.from(`\ufeff${value}`, 'utf16le').swap16();
  const escaped = bytes
    .toString('latin1')
    .replace(/[\\()\n\r\t\b\f]/g, (c) => ({ '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' })[c] ?? `\\${c}`);
  return Buffer.from(`(${escaped})`, 'latin1');
}

/** Number of pages of a pdfkit PDF (its page objects). */
export function pdfPageCount(pdf: Buffer): number {
  return pdf.toString('latin1').match(/\/Type \/Page\b(?!s)/g)?.length ?? 0;
}

/** The entries of a zip file (stored or deflated), by name. Enough for the DOCX files docx writes. */
export function unzip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  const out = new Map<string, Buffer>();
  for (let i = 0; i < entries; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error(`bad central directory entry at ${at}`);
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    out.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return out;
}

/** Text as it appears inside WordprocessingML (`&`, `<`, `>`, quotes escaped). */
export function xmlText(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}
