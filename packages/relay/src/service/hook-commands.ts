/** Hooks: list, read, create, change, delete, and "Save Endpoint". Input is checked with core's validators. */
import {
  HooklineError,
  assertValid,
  parseInt64,
  toPublicHook,
  validateAuthorization,
  validateEndpoint,
  validateNamespace,
  type Hook,
  type PublicHook,
  type ValidationIssue,
} from '@hookline/core';
import type { HookRowPatch } from '../store/hooks-repo.js';
import { requireHook, type ServiceContext } from './context.js';
import type { HookPatch, NewHookInput } from './types.js';

type HookResult = { hook: PublicHook; warnings: ValidationIssue[] };

function checkEndpoint(destinationUrl: string | null, authorization: string | null): ValidationIssue[] {
  if (destinationUrl !== null) {
    const result = validateEndpoint({ destinationUrl, authorization });
    assertValid(result);
    return result.warnings;
  }
  if (authorization !== null) {
    const result = validateAuthorization(authorization);
    assertValid(result);
    return result.warnings;
  }
  return [];
}

/** An empty text clears the value, as null does; undefined leaves it as it is. */
function blankToNull(value: string | null | undefined): string | null | undefined {
  return value === '' ? null : value;
}

function namespaceTaken(namespace: string): HooklineError {
  return new HooklineError('HOOKLINE_ERR_NAMESPACE_TAKEN', `A hook with the namespace "${namespace}" already exists here: choose another namespace, or edit that hook.`, { field: 'namespace' });
}

export class HookCommands {
  constructor(private readonly ctx: ServiceContext) {}

  list(filter: { companyId?: string; projectId?: string | null } = {}): PublicHook[] {
    return this.ctx.store.hooks
      .list()
      .filter((h) => filter.companyId === undefined || h.companyId === filter.companyId)
      .filter((h) => filter.projectId === undefined || h.projectId === filter.projectId)
      .map(toPublicHook);
  }

  get(hookId: number): PublicHook {
    return toPublicHook(requireHook(this.ctx, hookId));
  }

  create(input: NewHookInput): HookResult {
    assertValid(validateNamespace(input.namespace));
    const payloadVersion = input.payloadVersion ?? 'v2.0';
    const status = input.status ?? 'active';
    const companyId = input.companyId === undefined || input.companyId === null ? this.ctx.companyId : parseInt64(input.companyId, 'company_id');
    const projectId = input.projectId === undefined || input.projectId === null ? null : parseInt64(input.projectId, 'project_id');
    const destinationUrl = blankToNull(input.destinationUrl) ?? null;
    const authorization = blankToNull(input.authorization) ?? null;
    const warnings = checkEndpoint(destinationUrl, authorization);
    const hook = this.ctx.store.transaction(() => {
      if (this.ctx.store.hooks.findByNamespace(companyId, projectId, input.namespace)) throw namespaceTaken(input.namespace);
      return this.ctx.store.hooks.insert({ namespace: input.namespace, destinationUrl, authorization, payloadVersion, status, companyId, projectId }, this.ctx.now());
    });
    this.changed(hook);
    return { hook: toPublicHook(hook), warnings };
  }

  update(hookId: number, patch: HookPatch): HookResult {
    const hook = requireHook(this.ctx, hookId);
    const row: HookRowPatch = {};
    if (patch.namespace !== undefined) {
      assertValid(validateNamespace(patch.namespace));
      row.namespace = patch.namespace;
    }
    if (patch.payloadVersion !== undefined) row.payloadVersion = patch.payloadVersion;
    if (patch.status !== undefined) row.status = patch.status;
    const url = blankToNull(patch.destinationUrl);
    const authorization = blankToNull(patch.authorization);
    let warnings: ValidationIssue[] = [];
    if (url !== undefined || authorization !== undefined) {
      warnings = checkEndpoint(url === undefined ? hook.destinationUrl : url, authorization === undefined ? hook.authorization : authorization);
      if (url !== undefined) row.destinationUrl = url;
      if (authorization !== undefined) row.authorization = authorization;
    }
    return { hook: toPublicHook(this.save(hook, row)), warnings };
  }

  /** "Save Endpoint": `authorization` undefined keeps the stored value, null or '' removes it. */
  setEndpoint(hookId: number, destinationUrl: string, authorization?: string | null): HookResult {
    const hook = requireHook(this.ctx, hookId);
    const auth = blankToNull(authorization);
    const result = validateEndpoint({ destinationUrl, authorization: auth === undefined ? hook.authorization : auth });
    assertValid(result);
    const row: HookRowPatch = { destinationUrl };
    if (auth !== undefined) row.authorization = auth;
    return { hook: toPublicHook(this.save(hook, row)), warnings: result.warnings };
  }

  delete(hookId: number): void {
    const hook = requireHook(this.ctx, hookId);
    // Commit what is queued first: pending writes must not race the cascade.
    this.ctx.writer.flushNow();
    this.ctx.store.transaction(() => this.ctx.store.hooks.delete(hook.id));
    this.ctx.feed.emit({ kind: 'hook.deleted', hookId: hook.id });
  }

  private save(hook: Hook, row: HookRowPatch): Hook {
    const updated = this.ctx.store.transaction(() => {
      if (row.namespace !== undefined && row.namespace !== hook.namespace) {
        const other = this.ctx.store.hooks.findByNamespace(hook.companyId, hook.projectId, row.namespace);
        if (other && other.id !== hook.id) throw namespaceTaken(row.namespace);
      }
      return this.ctx.store.hooks.update(hook.id, row, this.ctx.now());
    });
    if (!updated) throw HooklineError.of('HOOKLINE_ERR_HOOK_NOT_FOUND', { id: hook.id }, { field: 'hook_id' });
    this.changed(updated);
    return updated;
  }

  private changed(hook: Hook): void {
    this.ctx.feed.emit({ kind: 'hook.updated', hook: toPublicHook(hook) });
    // The engine fails what waited on a hook that was just disabled: commit that before answering, so a read right after sees it.
    this.ctx.writer.flushNow();
  }
}
