/** What the delivery engine (engine.ts) is built from. */
import type { Hook, RetryPolicy } from '@hookline/core';
import type { DeliveryWriter } from './change-writer.js';
import type { DeliveryChange } from './changes.js';
import type { Clock } from './clock.js';
import type { StoredDeliveries } from './queue-reload.js';
import type { Sender } from './sender.js';

export interface EngineOptions {
  writer: DeliveryWriter;
  sender: Sender;
  clock: Clock;
  /** Already scaled by the relay's time scale. */
  policy: RetryPolicy;
  maxInFlight: number;
  /** The hooks as stored now (endpoint and Authorization are read at each attempt), shared with the service. */
  hooks: HookSource;
  /** The deliveries as stored: what a hook's queue is reloaded from when a write of its state failed. */
  stored: StoredDeliveries;
  emit: (change: DeliveryChange) => void;
  onError: (error: unknown) => void;
}

/** A hook as last committed; undefined once it is deleted. */
export interface HookSource {
  get(hookId: number): Hook | undefined;
}

