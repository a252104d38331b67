/**
 * The flood the front ends are measured under: FLOOD_RATE events/s for a mode's duration, paced (open loop) by
 * a load process of its own, at a fresh relay whose hook delivers every event to a receiver process. The front
 * end under test (the web page in Chromium, the extension in the VS Code host) connects to `rig.relay` before
 * the flood starts; `sample` is called about once a second while it runs, so the caller can read the front
 * end's CPU, memory or long tasks as it goes. Everything is on 127.0.0.1 and bounded by the duration.
 */
import { startWorker } from './child.mjs';
import { drain, freshRelay } from './measure-relay.mjs';
import { perSecond } from './stats.mjs';

export const FLOOD_RATE = 1000;
const SEQ_BASE = 3_000_000_000;

/**
 * Receiver and load processes and a relay (durable log on, its hook pointed at the receiver, no bench
 * WebSocket client: the front end is the one that reads). `rig.relay` has url, token, dataDir, api().
 */
export async function startFloodRig({ tmpRoot }) {
  const receiver = startWorker('receiver');
  const load = startWorker('load');
  let setup;
  try {
    const { url: receiverUrl } = await receiver.call('listen');
    setup = await freshRelay({ receiverUrl, cpu: null, nodeArgs: [], tmpRoot, withReader: false });
  } catch (error) {
    await Promise.all([receiver.stop(), load.stop()]);
    throw error;
  }
  return {
    relay: setup.relay,
    dataDir: setup.dataDir,
    /** Runs the flood; resolves once the receiver has every accepted event (or stops making progress). */
    async flood({ durationMs, sample, sampleEveryMs = 1000 }) {
      await receiver.call('reset', {});
      const started = Date.now();
      let sampling = Promise.resolve();
      const timer = setInterval(() => {
        sampling = sampling.then(() => sample(Date.now() - started));
      }, sampleEveryMs);
      let run;
      try {
        run = await load.call('paced', { ...setup.ingest, seqBase: SEQ_BASE, rate: FLOOD_RATE, durationMs });
      } finally {
        clearInterval(timer);
        await sampling;
      }
      const stats = await drain(receiver, run.ok);
      return {
        rate: FLOOD_RATE,
        durationMs,
        achievedRate: perSecond(run.total - run.skipped, run.endMs - run.startMs),
        accepted: run.ok,
        refused: run.failed,
        skipped: run.skipped,
        delivered: stats.count,
      };
    },
    async close() {
      await setup.close();
      await Promise.all([receiver.stop(), load.stop()]);
    },
  };
}
