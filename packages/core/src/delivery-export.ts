/**
 * Exporting the delivery log: the formats the relay writes (HAR 1.2, one entry per attempt; NDJSON, one delivery
 * with its attempts per line), the route that streams them and the name of the file a download gets.
 */
export const EXPORT_FORMATS = ['har', 'ndjson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** GET this with `format` and the delivery filters (snake_case, as GET /api/deliveries takes them). */
export const DELIVERY_EXPORT_PATH = '/api/deliveries/export';

export function isExportFormat(value: unknown): value is ExportFormat {
  return (EXPORT_FORMATS as readonly unknown[]).includes(value);
}

/** e.g. hookline-deliveries-20260102T030405Z.har: sortable, and free of characters a file system refuses. */
export function exportFileName(format: ExportFormat, at: Date): string {
  const stamp = at.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
  return `hookline-deliveries-${stamp}.${format}`;
}
