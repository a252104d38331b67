/**
 * Reads one hook's deliveries from Procore's v2.0 management API (or a relay's emulation of it), the way a Procore
 * client pages: `page`/`per_page`, following the `Link` header's `rel="next"` until there is none (Procore's
 * pagination: `Total`, `Per-Page` and `Link` with first/prev/next/last), newest first, stopping at `limit`.
 * `since` goes to the API as `filter[start]` (a yyyy-mm-dd date, all the API takes) and is applied again here to
 * each delivery's `created_at`, so a time within the day counts too. Bodies are parsed with lossless-json so 64-bit
 * ids stay exact. The token goes only into the Authorization header: no message here ever contains it.
 */
import LinkHeader from 'http-link-header';
import { parsePayload } from '@hookline/core';
import { CliError } from './api-client.js';

export interface ProcoreSource {
  /** The API's base URL, e.g. https://api.procore.com or a relay's URL. */
  baseUrl: string;
  token: string;
  companyId: string;
  projectId?: string;
  hookId: string;
  /** ISO 8601 instant: only deliveries created at or after it. */
  since?: string;
  /** At most this many deliveries (the newest). */
  limit?: number;
  perPage: number;
  timeoutMs?: number;
}

/** One delivery record as the v2.0 API lists it; only what the import reads is typed. */
export interface ProcoreDelivery {
  /** The event id ("Event Id of the delivery"). */
  id: unknown;
  payload: unknown;
  created_at: unknown;
  /** Where it was read, for messages. */
  page: number;
}

export interface ProcoreRead {
  deliveries: ProcoreDelivery[];
  pages: number;
}

const DEFAULT_TIMEOUT_MS = 30_000;
/** A guard against a server whose `next` link never ends. */
const MAX_PAGES = 100_000;

export function deliveriesPath(source: Pick<ProcoreSource, 'companyId' | 'projectId' | 'hookId'>): string {
  const company = `/rest/v2.0/companies/${encodeURIComponent(source.companyId)}`;
  const scope = source.projectId === undefined ? company : `${company}/projects/${encodeURIComponent(source.projectId)}`;
  return `${scope}/webhooks/hooks/${encodeURIComponent(source.hookId)}/deliveries`;
}

export async function readProcoreDeliveries(source: ProcoreSource): Promise<ProcoreRead> {
  const base = new URL(source.baseUrl);
  const perPage = source.limit === undefined ? source.perPage : Math.min(source.perPage, source.limit);
  let url: URL | null = new URL(deliveriesPath(source), base);
  url.searchParams.set('page', '1');
  url.searchParams.set('per_page', String(perPage));
  const sinceMs = source.since === undefined ? undefined : Date.parse(source.since);
  if (source.since !== undefined) url.searchParams.set('filter[start]', new Date(sinceMs!).toISOString().slice(0, 10));

  const deliveries: ProcoreDelivery[] = [];
  let pages = 0;
  let seen = 0;
  while (url !== null && pages < MAX_PAGES) {
    pages += 1;
    const { body, headers } = await getPage(url, source, pages);
    for (const item of body) {
      seen += 1;
      const delivery = deliveryOf(item, pages);
      if (sinceMs !== undefined && !(Date.parse(String(delivery.created_at)) >= sinceMs)) continue;
      deliveries.push(delivery);
      if (source.limit !== undefined && deliveries.length >= source.limit) return { deliveries, pages };
    }
    url = body.length === 0 ? null : nextPage(headers, url, base, pages, seen);
  }
  return { deliveries, pages };
}

/** `rel="next"` of the Link header; without one, the next page while `Total` says there is more. */
function nextPage(headers: Headers, current: URL, base: URL, page: number, seen: number): URL | null {
  const link = headers.get('link');
  if (link !== null && link.trim() !== '') {
    let next: string | undefined;
    try {
      next = LinkHeader.parse(link).rel('next')[0]?.uri;
    } catch {
      throw new CliError(`${base.origin} sent a Link header that cannot be read with page ${page} of the deliveries; nothing was imported.`);
    }
    if (next === undefined) return null;
    const url = new URL(next, current);
    // The token goes with every page: never to a host other than the one named by --from.
    if (url.origin !== base.origin) {
      throw new CliError(`${base.origin} pointed the next page of the deliveries to ${url.origin}; the token is sent only to --from's host, so the import stopped. Nothing was imported.`);
    }
    return url;
  }
  const total = Number(headers.get('total'));
  if (headers.get('total') === null || !Number.isSafeInteger(total) || seen >= total) return null;
  const url = new URL(current);
  url.searchParams.set('page', String(page + 1));
  return url;
}

async function getPage(url: URL, source: ProcoreSource, page: number): Promise<{ body: unknown[]; headers: Headers }> {
  const where = `${url.origin}`;
  let response: Response;
  try {
    response = await fetch(url, {
      headers: { authorization: `Bearer ${source.token}`, 'procore-company-id': source.companyId, accept: 'application/json' },
      signal: AbortSignal.timeout(source.timeoutMs ?? DEFAULT_TIMEOUT_MS),
    });
  } catch (error) {
    throw unreachable(where, error, source.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  }
  const text = await response.text().catch(() => '');
  if (!response.ok) throw refused(response.status, where, source, remoteMessage(text, source.token));
  let parsed: unknown;
  try {
    parsed = parsePayload(text);
  } catch {
    const type = response.headers.get('content-type') ?? 'no Content-Type';
    throw new CliError(
      `${where} answered page ${page} of the deliveries with something that is not JSON (${type.slice(0, 60)}). Is --from the API's base URL (e.g. https://api.procore.com), not the web app's? Nothing was imported.`,
    );
  }
  const data = (parsed as { data?: unknown } | null)?.data;
  if (!Array.isArray(data)) {
    throw new CliError(`${where} answered page ${page} of the deliveries with JSON that has no "data" list: is it Procore's v2.0 API? Nothing was imported.`);
  }
  return { body: data, headers: response.headers };
}

function deliveryOf(item: unknown, page: number): ProcoreDelivery {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    throw new CliError(`Page ${page} of the deliveries lists something that is not a delivery record; nothing was imported.`);
  }
  const record = item as Record<string, unknown>;
  return { id: record.id, payload: record.payload, created_at: record.created_at, page };
}

function unreachable(where: string, error: unknown, timeoutMs: number): CliError {
  const name = (error as { name?: string } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') {
    return new CliError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s. Check --from and your connection, then try again; nothing was imported.`);
  }
  const cause = (error as { cause?: { code?: string; message?: string } } | null)?.cause;
  const detail = cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
  return new CliError(
    `Cannot reach ${where} (${String(detail).slice(0, 80)}). Check --from: Procore's API is https://api.procore.com (sandbox: https://sandbox.procore.com), or give a relay's URL. Nothing was imported.`,
  );
}

function refused(status: number, where: string, source: ProcoreSource, said: string): CliError {
  const scope = `company ${source.companyId}${source.projectId === undefined ? '' : `, project ${source.projectId}`}`;
  const quote = said === '' ? '' : ` It said: "${said}"`;
  switch (status) {
    case 401:
      return new CliError(`${where} refused the token (401 Unauthorized): it is wrong or has expired. Get a new access token and pass it with --token; nothing was imported.${quote}`);
    case 403:
      return new CliError(
        `${where} does not let this token read hook ${source.hookId}'s deliveries in ${scope} (403 Forbidden): the user or app behind the token needs access to the company's webhooks. Nothing was imported.${quote}`,
      );
    case 404:
      return new CliError(`${where} has no hook ${source.hookId} in ${scope} (404 Not Found). Check --company-id, --project-id and --hook; nothing was imported.${quote}`);
    case 429:
      return new CliError(`${where} is rate-limiting these requests (429 Too Many Requests). Wait a minute and run the import again; nothing was imported.${quote}`);
    default:
      return new CliError(`${where} answered ${status} for hook ${source.hookId}'s deliveries in ${scope}; nothing was imported.${quote}`);
  }
}

/** The error message in a JSON answer (`{error: {message}}`, `{errors: …}` or `{message}`), short, the token masked. */
function remoteMessage(text: string, token: string): string {
  let message = '';
  try {
    const body = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown; errors?: unknown };
    const candidate = typeof body.error === 'object' && body.error !== null ? body.error.message : body.error ?? body.message ?? body.errors;
    message = typeof candidate === 'string' ? candidate : candidate === undefined ? '' : JSON.stringify(candidate);
  } catch {
    return '';
  }
  if (token !== '') message = message.split(token).join('••••');
  return message.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 300);
}
