import type * as Y from 'yjs';
import type { DocumentKind, Locale } from '@isms/shared';
import type { WorkshopRecord } from '../registry/types';

export type { DocumentKind } from '@isms/shared';
export type DocumentFormat = 'csv' | 'xlsx' | 'md';

export interface ExportBoard {
  groupId: string;
  groupName: string;
  doc: Y.Doc;
}

export interface ExportInput {
  kind: DocumentKind;
  format: DocumentFormat;
  lang: Locale;
  workshop: WorkshopRecord;
  /** null = the whole workshop. */
  groupId: string | null;
  boards: ExportBoard[];
}

export interface ExportOutput {
  /** Human filename (may hold Japanese): for RFC 5987 `filename*`. */
  filename: string;
  /** ASCII-only fallback for the plain `filename=` parameter. */
  asciiFilename: string;
  contentType: string;
  body: Buffer | string;
}

// The document itself is built in shared/ (export/document.ts), for the print page too.
export type { ExportBlock, ExportDocument, ExportSheet } from '@isms/shared';
