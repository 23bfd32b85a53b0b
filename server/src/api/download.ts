/**
 * Content-Disposition for a download: an ASCII fallback name for old clients and the real
 * (often Japanese) name as RFC 5987 `filename*`.
 */
export function attachment(filename: string, ascii: string): string {
  return `attachment; filename="${ascii.replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(filename)}`;
}
