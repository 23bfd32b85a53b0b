import {
  type DocumentKind,
  type ExportSheet,
  type GroupBoard,
  type Locale,
  type Scenario,
  buildExportDocument,
} from '@isms/shared';

export type PrintPart = DocumentKind;

/** One printed section (starts on a new page): a sheet of the shared export document. */
export type PrintSection = ExportSheet;

/**
 * The print page's sections: the very document the server's XLSX/CSV/Markdown render
 * (shared/src/export/document.ts) for the same parts and scope — one group when the page is
 * filtered to a group, the workshop-wide layout otherwise.
 */
export function printSections(
  groups: GroupBoard[],
  scenario: Scenario,
  lang: Locale,
  parts: ReadonlySet<PrintPart>,
  workshop: { title: string; date: string },
  scope: 'group' | 'workshop',
): PrintSection[] {
  // The toolbar's order, whatever order the parts were ticked in.
  const kinds = PRINT_PARTS.filter((part) => parts.has(part));
  return buildExportDocument({ kinds, lang, scenario, workshop, groups, scope }).sheets;
}

export const PRINT_PARTS: readonly PrintPart[] = ['report', 'security-standard', 'soa'];
