import type * as Y from 'yjs';
import type { ExportTable, Locale } from '@isms/shared';
import type { WorkshopRecord } from '../registry/types';

export type DocumentKind = 'security-standard' | 'soa' | 'report';
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

/** A titled table inside a sheet, e.g. one asset of one group's security standard. */
export interface ExportBlock {
  heading?: string;
  /** Shown under the heading, e.g. the asset's risk. */
  caption?: string;
  table: ExportTable;
}

/** One XLSX sheet / one Markdown section / one CSV section. */
export interface ExportSheet {
  /** Sheet tab name (sanitised and shortened to 31 characters by the XLSX writer). */
  name: string;
  title: string;
  blocks: ExportBlock[];
}

/** A format-neutral export: every writer renders this. */
export interface ExportDocument {
  title: string;
  /** e.g. "2026-11-26 · 第4回 ISMS構築ワークショップ". */
  subtitle: string;
  sheets: ExportSheet[];
}
