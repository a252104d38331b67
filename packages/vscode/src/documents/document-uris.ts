/**
 * Read-only documents under the `hookline:` scheme, addressed by path so they can be reopened and refreshed:
 *   /deliveries/12.json                      the whole delivery (Open Delivery)
 *   /deliveries/12/request-payload.json      the exact payload, pretty-printed
 *   /deliveries/12/response-headers.json     the latest attempt's response headers
 *   /deliveries/12/response-body.json|.txt   the latest attempt's response body
 *   /deliveries/12/attempts/3.json           one attempt, request and response
 */
export const SCHEME = 'hookline';

export type DocumentRef =
  | { kind: 'delivery'; deliveryId: number }
  | { kind: 'requestPayload'; deliveryId: number }
  | { kind: 'responseHeaders'; deliveryId: number }
  | { kind: 'responseBody'; deliveryId: number; json: boolean }
  | { kind: 'attempt'; deliveryId: number; attemptNumber: number };

export function documentPath(ref: DocumentRef): string {
  const base = `/deliveries/${ref.deliveryId}`;
  switch (ref.kind) {
    case 'delivery':
      return `${base}.json`;
    case 'requestPayload':
      return `${base}/request-payload.json`;
    case 'responseHeaders':
      return `${base}/response-headers.json`;
    case 'responseBody':
      return `${base}/response-body.${ref.json ? 'json' : 'txt'}`;
    case 'attempt':
      return `${base}/attempts/${ref.attemptNumber}.json`;
  }
}

export function parseDocumentPath(path: string): DocumentRef | null {
  const whole = /^\/deliveries\/(\d{1,15})\.json$/.exec(path);
  if (whole) return { kind: 'delivery', deliveryId: Number(whole[1]) };
  const part = /^\/deliveries\/(\d{1,15})\/(request-payload\.json|response-headers\.json|response-body\.(json|txt)|attempts\/(\d{1,6})\.json)$/.exec(path);
  if (!part) return null;
  const deliveryId = Number(part[1]);
  const name = part[2] ?? '';
  if (name === 'request-payload.json') return { kind: 'requestPayload', deliveryId };
  if (name === 'response-headers.json') return { kind: 'responseHeaders', deliveryId };
  if (name.startsWith('response-body.')) return { kind: 'responseBody', deliveryId, json: part[3] === 'json' };
  return { kind: 'attempt', deliveryId, attemptNumber: Number(part[4]) };
}
