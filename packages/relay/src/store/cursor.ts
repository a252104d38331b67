/**
 * Keyset cursors: base64url of `d:<last id>`. Clients pass a page's cursor back unchanged, or make one with core's
 * encodeDeliveryCursor to start below a given delivery; anything else is refused with HOOKLINE_ERR_INVALID_CURSOR
 * rather than silently starting over.
 */
import { HooklineError, encodeDeliveryCursor } from '@hookline/core';

const MAX_CURSOR_LENGTH = 64;

/** The format's one home is core's encodeDeliveryCursor, so clients can ask for the deliveries below an id. */
export function encodeCursor(lastId: number): string {
  return encodeDeliveryCursor(lastId);
}

/** Returns the id the next page starts below. */
export function decodeCursor(cursor: string, field = 'cursor'): number {
  const invalid = () =>
    new HooklineError('HOOKLINE_ERR_INVALID_CURSOR', 'The pagination cursor is not valid: pass back the next_cursor of the previous page unchanged, or leave it out to start from the newest.', { field });
  if (typeof cursor !== 'string' || cursor.length === 0 || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) {
    throw invalid();
  }
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  const match = /^d:([1-9][0-9]{0,15})$/.exec(text);
  if (!match || encodeCursor(Number(match[1])) !== cursor) throw invalid();
  const id = Number(match[1]);
  if (!Number.isSafeInteger(id)) throw invalid();
  return id;
}
