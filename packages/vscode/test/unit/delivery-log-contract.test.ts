/**
 * The shared DeliveryLog's contract, run twice: against the FakeRelay the unit tests use, and against the real
 * relay in-process over a real WebSocket. A fake that answers differently from the relay fails here.
 */
import { deliveryLogContract } from './support/delivery-log-contract.js';
import { FakeRelay, settle } from './support/fake-relay.js';
import { startRealRelay } from './support/real-relay.js';

deliveryLogContract('the FakeRelay', async () => {
  const fake = new FakeRelay();
  return {
    transport: fake.transport,
    connect: async () => fake.hello(),
    deliver: async (n) => {
      const made = fake.deliver(n).map((d) => d.id);
      await settle();
      return made;
    },
    setFailing: async (failing) => {
      fake.failing = failing;
    },
    disconnect: async () => fake.drop(),
    reconnect: async () => fake.hello(),
    replaceHistory: async () => fake.replaceHistory(),
    close: async () => fake.drop(),
  };
});

deliveryLogContract('the real relay (in-process, over a WebSocket)', startRealRelay);
