/** Decoding of text report files (no library needed: TextDecoder is everywhere). */

/** Text from bytes: a BOM decides, else UTF-8 when valid, else the Chinese legacy encoding with fewer errors. */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const candidates = ['gb18030', 'big5'].map((enc) => {
      try {
        const t = new TextDecoder(enc).decode(bytes);
        return { t, bad: (t.match(/\uFFFD/g) ?? []).length };
      } catch {
        return { t: '', bad: Infinity };
      }
    });
    candidates.sort((a, b) => a.bad - b.bad);
    return candidates[0].bad === Infinity ? new TextDecoder('utf-8').decode(bytes) : candidates[0].t;
  }
}

