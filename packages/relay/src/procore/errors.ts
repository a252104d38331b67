/**
 * Errors of the emulated Procore management API. Procore's endpoint descriptions give no error body, so errors go
 * out in the relay's coded shape `{error:{code,message,field}}`; the statuses are Procore's: 404 for whatever the
 * caller cannot see (another company, a hook of another scope), 422 for invalid input, 413 above 500 triggers.
 */
import type { NextFunction, Request, Response } from 'express';
import { HooklineError, isHooklineError, type ErrorCode } from '@hookline/core';

/** Procore's limit on one bulk trigger request. */
export const MAX_BULK_TRIGGERS = 500;

/** Codes the relay API answers with 400 or 409 where Procore answers 422 (the input cannot be processed). */
const UNPROCESSABLE: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'HOOKLINE_ERR_INVALID_QUERY',
  'HOOKLINE_ERR_INVALID_CURSOR',
  'HOOKLINE_ERR_NAMESPACE_TAKEN',
]);

export function procoreStatus(error: HooklineError): number {
  return UNPROCESSABLE.has(error.code) ? 422 : error.status;
}

export function companyNotFound(shown: string, relayCompanyId: string): HooklineError {
  return new HooklineError(
    'HOOKLINE_ERR_COMPANY_NOT_FOUND',
    `No company ${shown.slice(0, 40)} here: this relay emulates company ${relayCompanyId}. Use that id, or start the relay with --company-id ${/^\d{1,19}$/.test(shown) ? shown : '<id>'}.`,
    { field: 'company_id' },
  );
}

export function projectNotFound(shown: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_NOT_FOUND', `No project ${shown.slice(0, 40)}: a project id is a positive whole number.`, { field: 'project_id' });
}

export function hookNotFound(shown: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_HOOK_NOT_FOUND', `No hook with id ${shown.slice(0, 40)} in this company or project.`, { field: 'hook_id' });
}

export function invalidParam(field: string, message: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_INVALID_FIELD', message, { field });
}

export function missingParam(field: string, message: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_MISSING_FIELD', message, { field });
}

export function tooManyTriggers(count: number): HooklineError {
  return HooklineError.of('HOOKLINE_ERR_TOO_MANY_TRIGGERS', { count, max: MAX_BULK_TRIGGERS }, { field: 'triggers' });
}

/** One item of a bulk request that failed, as its 207 answer lists it. */
export function itemError(error: HooklineError): { code: ErrorCode; message: string; field?: string } {
  const { code, message, field } = error.toBody().error;
  return field === undefined ? { code, message } : { code, message, field };
}

/** Mounted on the Procore router: coded errors with Procore's statuses; anything else goes on to the app's handler. */
export function procoreErrorHandler(error: unknown, _req: Request, res: Response, next: NextFunction): void {
  if (!isHooklineError(error) || res.headersSent) {
    next(error);
    return;
  }
  res.status(procoreStatus(error)).json(error.toBody());
}
