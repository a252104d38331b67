/** @hookline/webui: the Company Webhooks UI shared by the relay's web page and the VS Code webview. */
export { mountCompanyWebhooks } from './company-webhooks.js';
export type { MountOptions, Mounted } from './company-webhooks.js';
export { mountDeliveries } from './deliveries/deliveries-section.js';
export type { DeliveriesSection, DeliveriesOptions } from './deliveries/deliveries-section.js';
export { readState } from './state.js';
export type { UiState } from './state.js';
export { mountHealthBanner } from './health/health-banner.js';
export type { HealthBanner } from './health/health-banner.js';
