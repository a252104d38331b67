/**
 * (1) The loopback limit: the load process POSTs the same ~600-byte JSON payload, with the headers the relay
 * sends (Content-Type, User-Agent, Authorization), to the receiver process over keep-alive connections.
 */
import { startCpuMeter } from './cpu-meter.mjs';
import { CONCURRENCY, MAX_REQUESTS } from './modes.mjs';
import { perSecond } from './stats.mjs';

/** A v3.0 payload with related resources, as the relay would render it: about 600 bytes. */
export function samplePayload() {
  return (
    '{"id":2238458124426018816,"ulid":"01JF3Q4XG7M2N8P5R6S9T0V1W2","timestamp":"2026-03-02T10:15:30.123456Z",' +
    '"metadata":{"source_user_id":3456789,"source_project_id":2345678,"source_operation_id":null,"source_company_id":1234567,' +
    '"source_application_id":null},"user_id":3456789,"company_id":1234567,"project_id":2345678,"api_version":"v3.0",' +
    '"event_type":"update","resource_name":"RFIs","resource_id":123456789,"related_resources":[{"id":555000111,"name":"Projects"},' +
    '{"id":555000222,"name":"RFI Replies"},{"id":555000333,"name":"Submittals"},{"id":555000444,"name":"Drawing Revisions"},' +
    '{"id":555000555,"name":"Specification Sections"}]}'
  );
}

export const DELIVERY_HEADERS = {
  'content-type': 'application/json',
  'user-agent': 'Hookline/0.1.0',
  authorization: 'Bearer bench-receiver-secret',
};

export async function measureLoopback({ receiver, receiverUrl, load, mode }) {
  const payload = samplePayload();
  const run = (durationMs) =>
    load.call('closed', { origin: receiverUrl, path: '/hook', headers: DELIVERY_HEADERS, body: payload, concurrency: CONCURRENCY, durationMs, maxRequests: MAX_REQUESTS });
  await run(mode.warmupMs);
  await receiver.call('reset', {});
  const meter = startCpuMeter(() => [process.pid, receiver.pid, load.pid]);
  const result = await run(mode.durationMs);
  const machineCpu = meter.stop();
  const stats = await receiver.call('stats');
  return {
    payloadBytes: Buffer.byteLength(payload),
    concurrency: CONCURRENCY,
    durationMs: Math.round(result.endMs - result.startMs),
    requests: result.ok,
    failed: result.failed,
    received: stats.count,
    reqPerSec: perSecond(result.ok, result.endMs - result.startMs),
    machineCpu,
  };
}
