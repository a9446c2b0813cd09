/** Test helpers for report files: what a PDF written uncompressed with the standard fonts says. */

/** WinAnsiEncoding's characters in 0x80–0x9F (elsewhere it is Latin-1). */
const WIN_ANSI = new Map([...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((ch, i) => [0x80 + i, ch]));
const winAnsi = (bytes: Buffer): string => [...bytes].map((b) => WIN_ANSI.get(b) ?? String.fromCharCode(b)).join('');

/**
 * The text of a pdfkit PDF made with `compress: false` and the standard fonts (Helvetica): pdfkit
 * writes each line as a `TJ` array of hex strings in WinAnsi.
 */
export function pdfText(pdf: Buffer): string {
  const lines: string[] = [];
  for (const m of pdf.toString('latin1').matchAll(/\[((?:<[0-9a-fA-F]*>|\s|-?\d+(?:\.\d+)?)*)\]\s*TJ/g)) {
    lines.push([...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => winAnsi(Buffer.from(h[1]!, 'hex'))).join(''));
  }
  return lines.join('\n');
}
