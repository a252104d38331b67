/** What the Procore routes share: the relay's one service (hooks, triggers, deliveries) and request helpers. */
import type { Request } from 'express';
import type { Input } from '../input/fields.js';
import type { RelayService } from '../service/types.js';
import type { RawQuery } from './query.js';

export interface ProcoreApiOptions {
  service: RelayService;
  /** Reported as the owner of hooks and triggers (`owned_by_user_id`, `user_id`): the relay's user id. */
  userId: string;
}

export function queryOf(req: Request): RawQuery {
  return req.query as RawQuery;
}

/** The JSON body when it is an object (Procore's v1.0 bodies); undefined otherwise. */
export function objectBody(req: Request): Input | undefined {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as Input) : undefined;
}

/** A path id that is not a number names nothing: NaN, which every service lookup answers with 404. */
export function pathNumber(raw: unknown): number {
  return typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
}
