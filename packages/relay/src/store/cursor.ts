/**
 * Opaque keyset cursors: base64url of `d:<last id>`. Clients pass them back unchanged; anything else is refused
 * with HOOKLINE_ERR_INVALID_CURSOR rather than silently starting over.
 */
import { HooklineError } from '@hookline/core';

const PREFIX = 'd:';
const MAX_CURSOR_LENGTH = 64;

export function encodeCursor(lastId: number): string {
  return Buffer.from(`${PREFIX}${lastId}`, 'utf8').toString('base64url');
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
