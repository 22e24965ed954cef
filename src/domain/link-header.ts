// The next page a paginated registry answer points to (RFC 8288 `Link`, as the Registry HTTP API v2 uses it):
//   Link: </v2/rit/api/tags/list?last=1.4.2&n=100>; rel="next"

/** The target of the `rel="next"` link of a `Link` header, as written (relative or absolute), or null. */
export function nextLink(header: string | undefined): string | null {
  if (!header) return null;
  const link = /<([^>]*)>((?:\s*;\s*[^;,<]*)*)/g;
  for (let m = link.exec(header); m; m = link.exec(header)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(m[2]);
    const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
    if (rels.includes('next')) return m[1];
  }
  return null;
}
