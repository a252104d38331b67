/**
 * Writing Procore answers. Bodies go through lossless-json so 64-bit ids (LosslessNumber values, and the numbers
 * inside stored payloads) reach the wire digit for digit. Page-paged lists carry Procore's pagination headers:
 * `Total`, `Per-Page` and a `Link` header with first, prev, next and last.
 */
import type { Request, Response } from 'express';
import { stringify } from 'lossless-json';
import type { PageRequest } from './query.js';

export function sendJson(res: Response, status: number, body: unknown): void {
  const text = stringify(body) ?? 'null';
  res.status(status).type('application/json; charset=utf-8').send(text);
}

/** 200 or 204 without a body (Procore's deletes). */
export function sendEmpty(res: Response, status: 200 | 204): void {
  res.status(status).end();
}

/** The items of one page of an in-memory list. */
export function pageOf<T>(items: readonly T[], paging: PageRequest): T[] {
  return items.slice(paging.offset, paging.offset + paging.perPage);
}

export function setPageHeaders(req: Request, res: Response, paging: PageRequest, total: number): void {
  const last = Math.max(1, Math.ceil(total / paging.perPage));
  res.setHeader('Total', String(total));
  res.setHeader('Per-Page', String(paging.perPage));
  const links: string[] = [];
  const link = (page: number, rel: string): void => {
    links.push(`<${pageUrl(req, page, paging.perPage)}>; rel="${rel}"`);
  };
  if (paging.page > 1) link(1, 'first');
  if (paging.page > 2) link(Math.min(paging.page - 1, last), 'prev');
  if (paging.page < last) {
    link(last, 'last');
    link(paging.page + 1, 'next');
  }
  if (links.length > 0) res.setHeader('Link', links.join(', '));
}

function pageUrl(req: Request, page: number, perPage: number): string {
  const url = new URL(req.originalUrl, `http://${req.headers.host ?? '127.0.0.1'}`);
  url.searchParams.delete('page');
  url.searchParams.delete('per_page');
  url.searchParams.append('page', String(page));
  url.searchParams.append('per_page', String(perPage));
  return url.toString();
}
