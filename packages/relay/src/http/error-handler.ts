import type { NextFunction, Request, Response } from 'express';
import { HooklineError, isHooklineError } from '@hookline/core';

export type ErrorReporter = (error: unknown, req: Request) => void;

/** Maps a storage failure (disk full, damaged file) to its coded error; undefined for anything else. */
export type StorageErrorMapper = (error: unknown) => HooklineError | undefined;

/** The coded error to answer with: the error itself, its storage meaning (503 when the disk is full), else a 500. */
export function codedError(error: unknown, storageError: StorageErrorMapper): { coded: HooklineError; unexpected: boolean } {
  if (isHooklineError(error)) return { coded: error, unexpected: false };
  const storage = storageError(error);
  if (storage) return { coded: storage, unexpected: false };
  return { coded: new HooklineError('HOOKLINE_ERR_INTERNAL', 'The relay hit an unexpected error; its log has the details.'), unexpected: true };
}

/** Coded errors go out as {error:{code,message,field}}; anything else is a 500 without a stack trace. */
export function errorHandler(report: ErrorReporter, storageError: StorageErrorMapper = () => undefined) {
  return (error: unknown, req: Request, res: Response, _next: NextFunction): void => {
    const { coded, unexpected } = codedError(error, storageError);
    if (unexpected) report(error, req);
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(coded.status).json(coded.toBody());
  };
}

/** 404 for a path no route has; 405 with `Allow` for a path that exists under other methods. */
export function notFound(allowedMethods: (path: string) => string[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const path = req.path.slice(0, 200);
    const allowed = allowedMethods(req.path);
    if (allowed.length > 0) {
      res.setHeader('Allow', allowed.join(', '));
      next(new HooklineError('HOOKLINE_ERR_METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${path}; it answers ${allowed.join(', ')}.`));
      return;
    }
    next(new HooklineError('HOOKLINE_ERR_NOT_FOUND', `No route ${req.method} ${path}. See the README for the relay API.`));
  };
}
