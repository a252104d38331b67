import type { ResourceEvent } from '../../src/model.js';

/** Procore's documented v2.0 sample payload, as the event it was rendered from. */
export const PROCORE_SAMPLE_EVENT: ResourceEvent = {
  id: '5982324300946918154',
  ulid: '01EDPD2J6SBY1163N77H95GW09',
  timestamp: '2020-07-20T15:22:01.353581Z',
  resourceName: 'RFIs',
  resourceId: '54321',
  eventType: 'update',
  companyId: '1357908642',
  projectId: '2468013579',
  userId: '987654321',
  metadata: {
    sourceUserId: '987654321',
    sourceProjectId: '2468013579',
    sourceOperationId: null,
    sourceCompanyId: '1357908642',
    sourceApplicationId: null,
  },
  relatedResources: [],
};
