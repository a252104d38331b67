/**
 * POST /api/events, the ingest hot path, served in front of express: express's routing and `res.json` cost
 * more CPU than the rest of the request (PERFORMANCE.md; `npm run bench` profiles). It is the same endpoint,
 * not a second one: the same guards in the same order as http/app.ts (Host, Origin, then the token), the same
 * body reader and limits (json-body.ts), the same validation and 202 body (routes/events.ts), the same coded
 * errors and headers. Any other request, `/api/events?…` and `/api/events/` included, goes to express.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type { RelayService } from '../service/types.js';
import { codedError } from './error-handler.js';
import { collectJsonBody } from './json-body.js';
import { eventInputFrom, ingestResultJson } from './routes/events.js';
import { checkHost, checkOrigin, checkToken } from '../access/guards.js';
import type { AccessPolicy } from '../access/guards.js';

export interface IngestPathOptions {
  service: RelayService;
  access: AccessPolicy;
  /** Told about errors that are not coded ones (they answer 500), as express's error handler does. */
  reportError: (error: unknown) => void;
}

const PATH = '/api/events';

/** Wraps the express app: POST /api/events is answered here, everything else by `app`. */
export function withIngestPath(app: RequestListener, options: IngestPathOptions): RequestListener {
  return (req, res) => {
    if (req.method === 'POST' && req.url === PATH) ingest(req, res, options);
    else app(req, res);
  };
}

function ingest(req: IncomingMessage, res: ServerResponse, options: IngestPathOptions): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Cache-Control', 'no-store');
  try {
    checkHost(req, options.access);
    checkOrigin(req, options.access);
    checkToken(req, options.access);
  } catch (error) {
    fail(res, error, options);
    return;
  }
  collectJsonBody(req, (error, body) => {
    if (error !== undefined) {
      fail(res, error, options);
      return;
    }
    let input;
    try {
      input = eventInputFrom(body);
    } catch (invalid) {
      fail(res, invalid, options);
      return;
    }
    options.service.ingestEvent(input).then(
      (result) => sendJson(res, 202, ingestResultJson(result)),
      (failure: unknown) => fail(res, failure, options),
    );
  });
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const text = JSON.stringify(value);
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

/** As http/error-handler.ts: coded errors as {error:{code,message,field}}; anything else a 500, reported. */
function fail(res: ServerResponse, error: unknown, options: IngestPathOptions): void {
  const { coded, unexpected } = codedError(error, (cause) => options.service.storageError(cause));
  if (unexpected) options.reportError(error);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, coded.status, coded.toBody());
}
