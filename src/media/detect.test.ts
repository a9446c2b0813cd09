import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { png } from '../../test/png.ts';
import { detectMediaType } from './detect.ts';

const ftyp = (brand: string) => Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from(`ftyp${brand}`), Buffer.alloc(16)]);

describe('detectMediaType', () => {
  it('recognises the images sharp writes, by their bytes', async () => {
    const base = sharp({ create: { width: 4, height: 4, channels: 3, background: '#123456' } });
    expect(detectMediaType(png(2, 2))?.mimeType).toBe('image/png');
    expect(detectMediaType(await base.clone().jpeg().toBuffer())?.mimeType).toBe('image/jpeg');
    expect(detectMediaType(await base.clone().gif().toBuffer())?.mimeType).toBe('image/gif');
    expect(detectMediaType(await base.clone().webp().toBuffer())).toEqual({ kind: 'image', mimeType: 'image/webp', ext: 'webp' });
  });

  it('tells MP4 from MOV by the ftyp brand, and WebM from other Matroska', () => {
    expect(detectMediaType(ftyp('isom'))).toEqual({ kind: 'video', mimeType: 'video/mp4', ext: 'mp4' });
    expect(detectMediaType(ftyp('mp42'))?.mimeType).toBe('video/mp4');
    expect(detectMediaType(ftyp('qt  '))?.mimeType).toBe('video/quicktime');
    expect(detectMediaType(ftyp('heic'))).toBeUndefined();
    const ebml = (docType: string) =>
      Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x9f, 0x42, 0x82, 0x84]), Buffer.from(docType), Buffer.alloc(8)]);
    expect(detectMediaType(ebml('webm'))?.mimeType).toBe('video/webm');
    expect(detectMediaType(ebml('matroska'))).toBeUndefined();
  });

  it('takes nothing else, whatever it is called', () => {
    expect(detectMediaType(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeUndefined();
    expect(detectMediaType(Buffer.from('%PDF-1.7'))).toBeUndefined();
    expect(detectMediaType(Buffer.alloc(0))).toBeUndefined();
  });
});
