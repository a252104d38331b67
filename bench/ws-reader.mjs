/** One WebSocket client on the relay's /ws, reading and parsing every frame, counting the deliveries it is told about. */
import { relayDependency } from './paths.mjs';

const WebSocket = relayDependency('ws');

export async function connectReader(relay) {
  const ws = new WebSocket(relay.wsUrl, { headers: { authorization: `Bearer ${relay.token}` } });
  const counts = { frames: 0, created: 0, updated: 0, delivered: 0 };
  ws.on('message', (data) => {
    const message = JSON.parse(data.toString());
    counts.frames += 1;
    if (message.type === 'delivery.created' || message.type === 'delivery.updated') {
      const key = message.type === 'delivery.created' ? 'created' : 'updated';
      counts[key] += message.deliveries.length;
      for (const delivery of message.deliveries) if (delivery.status === 'delivered') counts.delivered += 1;
    }
  });
  await new Promise((resolve, reject) => {
    ws.once('message', () => resolve()); // the hello
    ws.once('error', reject);
  });
  return {
    counts,
    reset() {
      counts.frames = counts.created = counts.updated = counts.delivered = 0;
    },
    close: () =>
      new Promise((resolve) => {
        if (ws.readyState === WebSocket.CLOSED) return resolve();
        ws.once('close', () => resolve());
        ws.close();
        setTimeout(() => ws.terminate(), 2000).unref();
      }),
  };
}
