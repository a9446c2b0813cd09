/**
 * PURE — what a file is, from its first bytes (never from its name or the type the browser declared).
 * Images: PNG, JPEG, GIF, WebP. Video: MP4 (ISO base media), QuickTime MOV, WebM.
 */
export interface DetectedType {
  kind: 'image' | 'video';
  mimeType: string;
  /** The usual file extension, for storage keys and downloads. */
  ext: string;
}

/** How many leading bytes `detectMediaType` looks at. */
export const SNIFF_BYTES = 64;

const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, to));

// MP4 brands (ISO/IEC 14496-12 `ftyp` box) that browsers and networks play as MP4.
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VP', 'dash', 'MSNV', 'mmp4']);

export function detectMediaType(b: Uint8Array): DetectedType | undefined {
  if (b.length >= 8 && b[0] === 0x89 && ascii(b, 1, 4) === 'PNG' && b[4] === 0x0d && b[5] === 0x0a)
    return { kind: 'image', mimeType: 'image/png', ext: 'png' };
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', mimeType: 'image/jpeg', ext: 'jpg' };
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a'))
    return { kind: 'image', mimeType: 'image/gif', ext: 'gif' };
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 12) === 'WEBP')
    return { kind: 'image', mimeType: 'image/webp', ext: 'webp' };
  if (b.length >= 12 && ascii(b, 4, 8) === 'ftyp') {
    const brand = ascii(b, 8, 12);
    if (brand === 'qt  ') return { kind: 'video', mimeType: 'video/quicktime', ext: 'mov' };
    if (MP4_BRANDS.has(brand)) return { kind: 'video', mimeType: 'video/mp4', ext: 'mp4' };
    return undefined; // HEIC, AVIF, 3GP…: not taken
  }
  // EBML header; WebM names its DocType "webm" within the first bytes (Matroska says "matroska").
  if (
    b.length >= 4 &&
    b[0] === 0x1a &&
    b[1] === 0x45 &&
    b[2] === 0xdf &&
    b[3] === 0xa3 &&
    ascii(b, 4, Math.min(b.length, SNIFF_BYTES)).includes('webm')
  ) {
    return { kind: 'video', mimeType: 'video/webm', ext: 'webm' };
  }
  return undefined;
}
