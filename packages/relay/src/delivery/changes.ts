/**
 * What the delivery layer announces after each commit. The service composes these with its own hook and trigger
 * changes into `RelayChange`; nothing here knows about the service.
 */
import type { AttemptErrorCode, AttemptTrigger, DeliveryStatus, DeliverySummary } from '@hookline/core';

/** One status change of one delivery, as committed (a batch may hold several for one delivery). */
export interface StatusTransition {
  deliveryId: number;
  from: DeliveryStatus;
  to: DeliveryStatus;
}

export type DeliveryChange =
  | { kind: 'delivery.created'; deliveries: DeliverySummary[] }
  | {
      kind: 'delivery.updated';
      /** The latest state of each delivery touched, once each. */
      deliveries: DeliverySummary[];
      /** Every status change in the batch, in order; a write that kept the status adds none. */
      transitions: StatusTransition[];
    }
  | { kind: 'attempt.started'; delivery: DeliverySummary; method: 'POST'; url: string }
  | {
      kind: 'attempt.finished';
      delivery: DeliverySummary;
      /** Where the try went; null when the hook had no endpoint. */
      url: string | null;
      /** The try succeeded (core's isSuccessStatus, decided by the sender). */
      ok: boolean;
      status: number | null;
      durationMs: number;
      errorCode: AttemptErrorCode | null;
      /** Secret-free: the sender's description of the failure. */
      errorMessage: string | null;
      trigger: AttemptTrigger;
      /** Epoch ms. */
      finishedAt: number;
    };

/** What `attempt.finished` tells listeners about an attempt, besides the delivery. */
export type AttemptAnnouncement = Omit<Extract<DeliveryChange, { kind: 'attempt.finished' }>, 'kind' | 'delivery'>;
