/**
 * The keyset cursor of delivery pages (`deliveries.list`, GET /api/deliveries): base64url of `d:<id>`, meaning
 * "the deliveries with ids below this one". The relay decodes it (and refuses anything else); clients pass back
 * a page's nextCursor, or make one here to ask for the deliveries older than a given one (e.g. the previous
 * delivery of a resource). Pure and browser-safe: no Buffer, no btoa.
 */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function base64UrlAscii(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i += 3) {
    const a = text.charCodeAt(i);
    const b = i + 1 < text.length ? text.charCodeAt(i + 1) : -1;
    const c = i + 2 < text.length ? text.charCodeAt(i + 2) : -1;
    out += ALPHABET[a >> 2]! + ALPHABET[((a & 3) << 4) | (b < 0 ? 0 : b >> 4)]!;
    if (b >= 0) out += ALPHABET[((b & 15) << 2) | (c < 0 ? 0 : c >> 6)]!;
    if (c >= 0) out += ALPHABET[c & 63]!;
  }
  return out;
}

/** The cursor of the page that starts just below delivery `beforeId` (a positive safe integer). */
export function encodeDeliveryCursor(beforeId: number): string {
  if (!Number.isSafeInteger(beforeId) || beforeId < 1) throw new RangeError(`A delivery cursor needs a delivery id (a positive whole number); got ${beforeId}.`);
  return base64UrlAscii(`d:${beforeId}`);
}
