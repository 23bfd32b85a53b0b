import type { DocumentFormat, DocumentKind } from './types';

export const CONTENT_TYPES: Record<DocumentFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  md: 'text/markdown; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** Longest title part of a filename, characters: keeps names readable in a download bar. */
const TITLE_MAX = 40;

/** Characters no filesystem (Windows included) accepts, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[<>:"/\\|?*\u0000-\u001f]/g;

export interface FilenameParts {
  date: string;
  title: string;
  workshopId: string;
  kind: DocumentKind;
  /** Group name for display, or null for the whole workshop. */
  groupName: string | null;
  groupId: string | null;
  format: DocumentFormat;
}

/** "2026-11-26_第4回ワークショップ_security-standard_1班.xlsx" and an ASCII fallback. */
export function exportFilenames(parts: FilenameParts): { filename: string; asciiFilename: string } {
  const title = parts.title.replace(UNSAFE, '').replace(/\s+/g, '-').slice(0, TITLE_MAX);
  const scope = parts.groupName?.replace(UNSAFE, '').replace(/\s+/g, '-') ?? 'all';
  const filename = [parts.date, title, parts.kind, scope].filter(Boolean).join('_');
  const asciiScope = parts.groupId ?? 'all';
  const ascii = [parts.date, parts.workshopId, parts.kind, asciiScope]
    .join('_')
    .replace(/[^A-Za-z0-9._-]/g, '-');
  return { filename: `${filename}.${parts.format}`, asciiFilename: `${ascii}.${parts.format}` };
}
