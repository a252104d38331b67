/**
 * The webhook receiver, in a process of its own: plain node:http, reads each body and answers 200 "ok".
 * It counts arrivals and, when asked, records each one's sequence number (the event's resource_id, put there
 * by the load), its arrival time on the machine-wide monotonic clock, and the moment the relay accepted the
 * event: the payload's own `timestamp` (the relay stamps each event as it takes it in, with microseconds, from
 * performance.timeOrigin + performance.now()), moved onto the monotonic clock with this process's offset
 * between the two clocks (the same in every process on the host to within microseconds).
 */
import { createServer } from 'node:http';
import { monoMs, serveRequests } from './child.mjs';

const RESOURCE_ID = /"resource_id":(\d+)/;
const TIMESTAMP = /"timestamp":"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)\.(\d{3})(\d{3})Z"/;
/** Wall-clock ms (performance.timeOrigin + now()) minus monotonic ms, for this process. */
const WALL_MINUS_MONO = performance.timeOrigin + performance.now() - monoMs();
let count = 0;
let firstMs = 0;
let lastMs = 0;
let recording = false;
let seqBase = 0;
let seqs = new Float64Array(1 << 16);
let arrivals = new Float64Array(1 << 16);
let accepted = new Float64Array(1 << 16);
let recorded = 0;

function record(body, at) {
  const text = body.toString('latin1');
  const match = RESOURCE_ID.exec(text);
  if (!match) return;
  if (recorded === seqs.length) {
    const grow = (old) => {
      const next = new Float64Array(old.length * 2);
      next.set(old);
      return next;
    };
    seqs = grow(seqs);
    arrivals = grow(arrivals);
    accepted = grow(accepted);
  }
  const stamp = TIMESTAMP.exec(text);
  seqs[recorded] = Number(match[1]) - seqBase;
  arrivals[recorded] = at;
  accepted[recorded] = stamp ? Date.parse(`${stamp[1]}.${stamp[2]}Z`) + Number(stamp[3]) / 1000 - WALL_MINUS_MONO : NaN;
  recorded += 1;
}

const server = createServer((req, res) => {
  const chunks = [];
  req.on('data', (chunk) => chunks.push(chunk));
  req.on('end', () => {
    const at = monoMs();
    count += 1;
    if (count === 1) firstMs = at;
    lastMs = at;
    if (recording) record(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), at);
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': '2' });
    res.end('ok');
  });
});
server.keepAliveTimeout = 65_000;

serveRequests({
  listen: () =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}` }));
    }),
  /** Zeroes the counters; with `record`, keeps (seq - seqBase, arrival) pairs from now on. */
  reset: (args) => {
    count = 0;
    firstMs = 0;
    lastMs = 0;
    recording = Boolean(args.record);
    seqBase = args.seqBase ?? 0;
    recorded = 0;
    return true;
  },
  stats: () => ({ count, firstMs, lastMs }),
  arrivals: () => ({ seqs: seqs.slice(0, recorded), arrivals: arrivals.slice(0, recorded), accepted: accepted.slice(0, recorded) }),
});
