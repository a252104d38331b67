/**
 * Which company or project a Procore request is about, and the hooks it may see. The relay emulates one company
 * (`--company-id`, default 1) and every project in it; a request naming another company, in the path, in
 * `company_id` or in the `Procore-Company-Id` header, is answered 404 as Procore answers for a company the caller
 * cannot see. A hook is visible only through its own scope: a company hook through the company, a project hook
 * through its project.
 */
import type { Request } from 'express';
import { isHooklineError, parseInt64, type Int64String, type PublicHook } from '@hookline/core';
import type { Input } from '../input/fields.js';
import type { RelayService } from '../service/types.js';
import { companyNotFound, hookNotFound, missingParam, projectNotFound } from './errors.js';
import { queryString, type RawQuery } from './query.js';

export interface ProcoreScope {
  companyId: Int64String;
  /** null for the company's own hooks. */
  projectId: Int64String | null;
}

const ID = /^[1-9]\d{0,18}$/;

/** When the Procore-Company-Id header is sent, it must name the relay's company. */
export function checkCompanyHeader(req: Request, relayCompanyId: string): void {
  const header = req.headers['procore-company-id'];
  if (header === undefined) return;
  const value = (Array.isArray(header) ? header.join(',') : header).trim();
  if (value !== relayCompanyId) throw companyNotFound(value, relayCompanyId);
}

/** v2.0: the scope is in the path, `/companies/{company_id}[/projects/{project_id}]`. */
export function v2Scope(params: Record<string, string | undefined>, relayCompanyId: string): ProcoreScope {
  const company = params.company_id ?? '';
  if (company !== relayCompanyId) throw companyNotFound(company, relayCompanyId);
  const project = params.project_id;
  if (project === undefined) return { companyId: relayCompanyId, projectId: null };
  if (!ID.test(project)) throw projectNotFound(project);
  return { companyId: relayCompanyId, projectId: parseInt64(project, 'project_id') };
}

/** v1.0: `company_id` or `project_id`, in the body or the query string (the body wins). */
export function v1Scope(query: RawQuery, body: Input | undefined, relayCompanyId: string): ProcoreScope {
  const company = body?.company_id ?? queryString(query, 'company_id');
  const project = body?.project_id ?? queryString(query, 'project_id');
  if (company !== undefined && company !== null) {
    const companyId = parseInt64(company, 'company_id');
    if (companyId !== relayCompanyId) throw companyNotFound(companyId, relayCompanyId);
  }
  if (project !== undefined && project !== null) return { companyId: relayCompanyId, projectId: parseInt64(project, 'project_id') };
  if (company === undefined || company === null) {
    throw missingParam('company_id', 'Send company_id (for company hooks) or project_id (for project hooks), as Procore requires.');
  }
  return { companyId: relayCompanyId, projectId: null };
}

export function hooksInScope(service: RelayService, scope: ProcoreScope): PublicHook[] {
  return service.listHooks({ companyId: scope.companyId, projectId: scope.projectId });
}

/** The hook `rawId` names, if it belongs to the scope; 404 otherwise (also for an id that is not a number). */
export function scopedHook(service: RelayService, rawId: unknown, scope: ProcoreScope): PublicHook {
  const shown = String(rawId);
  const id = typeof rawId === 'string' && /^\d{1,15}$/.test(rawId) ? Number(rawId) : Number.NaN;
  if (!Number.isSafeInteger(id) || id < 1) throw hookNotFound(shown);
  let hook: PublicHook;
  try {
    hook = service.getHook(id);
  } catch (error) {
    if (isHooklineError(error) && error.code === 'HOOKLINE_ERR_HOOK_NOT_FOUND') throw hookNotFound(shown);
    throw error;
  }
  if (hook.companyId !== scope.companyId || hook.projectId !== scope.projectId) throw hookNotFound(shown);
  return hook;
}
