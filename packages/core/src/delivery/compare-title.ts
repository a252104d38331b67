/** The title both front ends give a comparison of two deliveries (VS Code's diff editor, the page's side-by-side). */
import type { DeliverySummary } from '../model.js';

type Named = Pick<DeliverySummary, 'id' | 'resourceName' | 'resourceId'>;

/** "RFIs 54321: #12 ↔ #15"; about two resources: "RFIs 54321 #12 ↔ Submittals 777 #15". Left is the original. */
export function compareTitle(left: Named, right: Named): string {
  if (left.resourceName === right.resourceName && left.resourceId === right.resourceId) {
    return `${left.resourceName} ${left.resourceId}: #${left.id} ↔ #${right.id}`;
  }
  return `${left.resourceName} ${left.resourceId} #${left.id} ↔ ${right.resourceName} ${right.resourceId} #${right.id}`;
}
