/**
 * Every command id the extension registers. package.json contributes them; scripts/check-commands.mjs fails
 * the build when a contributed command is missing here or has no registerCommand call.
 */
export const COMMANDS = {
  startRelay: 'hookline.startRelay',
  connect: 'hookline.connect',
  triggerEvent: 'hookline.triggerEvent',
  setEndpoint: 'hookline.setEndpoint',
  onlyShowFailures: 'hookline.onlyShowFailures',
  showAllDeliveries: 'hookline.showAllDeliveries',
  refresh: 'hookline.refresh',
  redeliver: 'hookline.redeliver',
  copyPayload: 'hookline.copyPayload',
  copyAsCurl: 'hookline.copyAsCurl',
  openDelivery: 'hookline.openDelivery',
  loadMoreDeliveries: 'hookline.loadMoreDeliveries',
  showConnectionActions: 'hookline.showConnectionActions',
  openCompanyWebhooks: 'hookline.openCompanyWebhooks',
  checkReceiver: 'hookline.checkReceiver',
  selectForCompare: 'hookline.selectForCompare',
  compareWithSelected: 'hookline.compareWithSelected',
  compareWithPrevious: 'hookline.compareWithPrevious',
  findByResourceId: 'hookline.findByResourceId',
  clearResourceFilter: 'hookline.clearResourceFilter',
  replayShown: 'hookline.replayShown',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];

export const VIEWS = {
  companyWebhooks: 'hookline.companyWebhooks',
  deliveries: 'hookline.deliveries',
} as const;

export const CONTEXT_KEYS = {
  connection: 'hookline.connection',
  onlyFailures: 'hookline.onlyFailures',
  /** A delivery is selected for compare (Compare with Selected is offered). */
  compareSelected: 'hookline.compareSelected',
  /** The Deliveries tree is narrowed (failures or a resource id): "Replay These" is offered. */
  filtered: 'hookline.filtered',
  resourceFilter: 'hookline.resourceFilter',
} as const;
