/**
 * Query-string readers for the Procore API. The app parses query strings with the 'simple' parser, so a
 * parameter such as `filters[status]` arrives under that literal key, and a repeated one as an array. Unknown
 * parameters are ignored, as Procore ignores them; a known one with a bad value is a 422 naming it.
 */
import { HooklineError } from '@hookline/core';
import { describe } from '../input/fields.js';
import { invalidParam } from './errors.js';

export type RawQuery = Record<string, unknown>;

/** Procore's page paging: 1-based `page`, `per_page` items. */
export interface PageRequest {
  page: number;
  perPage: number;
  offset: number;
}

/** Larger `per_page` (or v1.0 `page_size`) values are served as this many. */
export const MAX_PER_PAGE = 1000;
const MAX_PARAM_LENGTH = 2000;

/** The value of a parameter given once; undefined when absent or empty. */
export function queryString(query: RawQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw invalidParam(name, `Give the query parameter "${name}" once, as a plain value.`);
  if (value.length > MAX_PARAM_LENGTH) throw invalidParam(name, `The query parameter "${name}" is longer than ${MAX_PARAM_LENGTH} characters.`);
  return value === '' ? undefined : value;
}

/** The first of several spellings that is present (e.g. `filters[status]`, then `filter[status]`). */
export function queryStringOf(query: RawQuery, names: readonly string[]): { name: string; value: string } | undefined {
  for (const name of names) {
    const value = queryString(query, name);
    if (value !== undefined) return { name, value };
  }
  return undefined;
}

export function queryInteger(query: RawQuery, name: string, min: number): number | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  const parsed = /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(parsed) || parsed < min) {
    throw invalidParam(name, `"${name}" must be a whole number of at least ${min}; got ${describe(value)}.`);
  }
  return parsed;
}

export function queryBoolean(query: RawQuery, name: string): boolean | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  if (/^(true|1)$/i.test(value)) return true;
  if (/^(false|0)$/i.test(value)) return false;
  throw invalidParam(name, `"${name}" must be true or false; got ${describe(value)}.`);
}

/** `page` (default 1) and `per_page` (default `defaultPerPage`, at most MAX_PER_PAGE). */
export function readPaging(query: RawQuery, defaultPerPage = 10): PageRequest {
  const page = queryInteger(query, 'page', 1) ?? 1;
  const perPage = Math.min(queryInteger(query, 'per_page', 1) ?? defaultPerPage, MAX_PER_PAGE);
  const offset = (page - 1) * perPage;
  if (!Number.isSafeInteger(offset)) throw invalidParam('page', `"page" ${page} is beyond the last page.`);
  return { page, perPage, offset };
}

/**
 * A date filter: "yyyy-mm-dd" means that whole UTC day (`edge` 'start' is its first instant, 'end' the first
 * instant after it); a full ISO 8601 time is taken as given (an end time is included).
 */
export function queryDateEdge(query: RawQuery, name: string, edge: 'start' | 'end'): string | undefined {
  const value = queryString(query, name);
  if (value === undefined) return undefined;
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (day) {
    const start = new Date(`${value}T00:00:00.000Z`);
    if (Number.isNaN(start.getTime()) || start.toISOString().slice(0, 10) !== value) throw badDate(name, value);
    return edge === 'start' ? start.toISOString() : new Date(start.getTime() + 86_400_000).toISOString();
  }
  const ms = /^\d{4}-\d{2}-\d{2}T/.test(value) ? Date.parse(value) : Number.NaN;
  if (!Number.isFinite(ms)) throw badDate(name, value);
  return new Date(edge === 'start' ? ms : ms + 1).toISOString();
}

function badDate(name: string, value: string): HooklineError {
  return invalidParam(name, `"${name}" must be a date like 2024-05-31 (or an ISO 8601 time); got ${describe(value)}.`);
}
