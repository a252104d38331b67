/**
 * The relay's storage as the status bar shows it: while the relay cannot write to its data dir (the disk is
 * full) it says so, with the relay's own reason, in the error colour. Fed by the hello of each connection and
 * by `relay.storage` pushes. No vscode import, so it is unit-tested as it is.
 */
import type { PushMessage, StorageHealth } from '@hookline/core';

export interface StorageLook {
  text: string;
  tooltip: string;
}

/** Null while the storage is fine (or the relay does not say). */
export function storageLook(storage: StorageHealth | undefined): StorageLook | null {
  if (storage?.status !== 'degraded') return null;
  return {
    text: '$(warning) Hookline: Storage full',
    tooltip: storage.reason ?? 'The relay cannot write to its data dir: free some space on that disk.',
  };
}

/** Calls `show` with the storage's look on each hello and `relay.storage` push; returns the unsubscribe. */
export function watchStorage(connection: { onPush(listener: (message: PushMessage) => void): () => void }, show: (look: StorageLook | null) => void): () => void {
  return connection.onPush((message) => {
    if (message.type === 'hello') show(storageLook(message.storage));
    else if (message.type === 'relay.storage') show(storageLook(message.storage));
  });
}
