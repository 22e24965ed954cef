// Timestamps in file names: `20261203T200529Z` (UTC, sortable, no characters a file system refuses).
export function compactUtc(d: Date): string {
  return d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
}
