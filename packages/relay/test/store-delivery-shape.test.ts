import assert from 'node:assert/strict';
import { summarizeDelivery } from '@hookline/core';
import { useTempStore } from './support/service-fixture.js';
import { storeTestDrivers } from './support/sqlite-drivers.js';

// insert() and summarizeDelivery() build their objects field by field (spreads cost several times as much on the hot
// path): these keep them from drifting from the delivery as read back from the database.
for (const driver of storeTestDrivers()) {
  describe(`store: the shape of a delivery (${driver})`, () => {
    const fixture = useTempStore(driver);

    it('insert returns what get reads back, and summarizeDelivery keeps every field but the payload', () => {
      const hookId = fixture.store.hooks.insert({ namespace: 'ns', destinationUrl: null, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null }, Date.now()).id;
      fixture.store.events.insert(
        {
          id: '1234567890123456789',
          ulid: '01JMYXMZRBVKK0PC6XS8SA4QRE',
          timestamp: '2025-02-25T16:04:43.619085Z',
          resourceName: 'RFIs',
          resourceId: '42',
          eventType: 'update',
          companyId: '1',
          projectId: '2',
          userId: '3',
          metadata: { sourceUserId: '3', sourceProjectId: '2', sourceOperationId: null, sourceCompanyId: '1', sourceApplicationId: null },
          relatedResources: [],
        },
        Date.now(),
      );
      const row = { hookId, eventId: '1234567890123456789', eventUlid: '01JMYXMZRBVKK0PC6XS8SA4QRE', resourceName: 'RFIs', eventType: 'update' as const, resourceId: '42', projectId: '2', payload: '{"id":1}', payloadVersion: 'v2.0' as const };
      const inserted = fixture.store.deliveries.insert(row, 7, 1_740_499_483_619);
      const read = fixture.store.deliveries.get(inserted.id);
      assert.deepEqual(inserted, read);
      assert.deepEqual(Object.keys(inserted).sort(), Object.keys(read!).sort());
      const { payload: _payload, ...expected } = inserted;
      assert.deepEqual(summarizeDelivery(inserted), expected);
      assert.deepEqual(Object.keys(summarizeDelivery(inserted)).sort(), Object.keys(expected).sort());
    });
  });
}
