/**
 * A lean JSON body reader for the API. `express.json()` costs several times the CPU of this on the event
 * ingest hot path (see the README's Performance section), and its errors are not our coded ones.
 */
import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { HooklineError } from '@hookline/core';

export const MAX_BODY_BYTES = 1024 * 1024;

export function readJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || req.method === 'OPTIONS') {
    req.body = undefined;
    next();
    return;
  }
  readJsonBodyAlways(req, _res, next);
}

/** The same reader for any method: the Procore API sends bodies with DELETE (bulk trigger deletes). */
export function readJsonBodyAlways(req: Request, _res: Response, next: NextFunction): void {
  collectJsonBody(req, (error, body) => {
    if (error !== undefined) {
      next(error);
      return;
    }
    req.body = body;
    next();
  });
}

/**
 * Reads and parses a request body within the API's limits, for express and for the lean ingest path alike:
 * `done` is called once, with a coded error (or the stream's own error), or with the parsed value ({} when
 * the body is empty).
 */
export function collectJsonBody(req: IncomingMessage, done: (error: unknown, body?: unknown) => void): void {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    done(tooLarge());
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let failed = false;
  req.on('data', (chunk: Buffer) => {
    if (failed) return;
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      failed = true;
      done(tooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', (error) => {
    if (!failed) {
      failed = true;
      done(error);
    }
  });
  req.on('end', () => {
    if (failed) return;
    if (size === 0) {
      done(undefined, {});
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      done(new HooklineError('HOOKLINE_ERR_UNSUPPORTED_MEDIA_TYPE', `The request body must be JSON sent with "Content-Type: application/json"; got ${type ? `"${type.slice(0, 80)}"` : 'no Content-Type'}.`));
      return;
    }
    const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, size)).toString('utf8');
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'unreadable';
      done(new HooklineError('HOOKLINE_ERR_MALFORMED_JSON', `The request body is not valid JSON (${detail}). Check quotes, commas and brackets.`));
      return;
    }
    done(undefined, body);
  });
}

function tooLarge(): HooklineError {
  return HooklineError.of('HOOKLINE_ERR_BODY_TOO_LARGE', { limit: `${MAX_BODY_BYTES} bytes (${MAX_BODY_BYTES / 1024 / 1024} MiB)` });
}
