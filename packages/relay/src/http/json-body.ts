/**
 * A lean JSON body reader for the API. `express.json()` costs several times the CPU of this on the event
 * ingest hot path (shared/design/PERFORMANCE.md), and its errors are not our coded ones.
 */
import type { NextFunction, Request, Response } from 'express';
import { HooklineError } from '@hookline/core';

export const MAX_BODY_BYTES = 1024 * 1024;

export function readJsonBody(req: Request, _res: Response, next: NextFunction): void {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'DELETE' || req.method === 'OPTIONS') {
    req.body = undefined;
    next();
    return;
  }
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    next(tooLarge());
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
      next(tooLarge());
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', (error) => {
    if (!failed) {
      failed = true;
      next(error);
    }
  });
  req.on('end', () => {
    if (failed) return;
    if (size === 0) {
      req.body = {};
      next();
      return;
    }
    const type = req.headers['content-type'] ?? '';
    if (!/^application\/([\w.+-]*\+)?json\b/i.test(type)) {
      next(new HooklineError('HOOKLINE_ERR_UNSUPPORTED_MEDIA_TYPE', `The request body must be JSON sent with "Content-Type: application/json"; got ${type ? `"${type.slice(0, 80)}"` : 'no Content-Type'}.`));
      return;
    }
    const text = Buffer.concat(chunks, size).toString('utf8');
    try {
      req.body = JSON.parse(text);
      next();
    } catch (error) {
      const detail = error instanceof SyntaxError ? error.message : 'unreadable';
      next(new HooklineError('HOOKLINE_ERR_MALFORMED_JSON', `The request body is not valid JSON (${detail}). Check quotes, commas and brackets.`));
    }
  });
}

function tooLarge(): HooklineError {
  return new HooklineError('HOOKLINE_ERR_BODY_TOO_LARGE', `The request body is larger than ${MAX_BODY_BYTES} bytes (1 MiB). Send less data per request.`);
}
