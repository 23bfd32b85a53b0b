import { buildExportDocument } from './document';
import { CONTENT_TYPES, exportFilenames } from './filename';
import type { ExportInput, ExportOutput } from './types';
import { documentToCsv, documentToMarkdown } from './writeText';

export type * from './types';
export { buildExportDocument } from './document';

/**
 * Renders one export (security standard, SoA or report) of one group or the whole workshop.
 * Every table comes from the shared read models and export tables; this only lays them out.
 */
export async function renderExport(input: ExportInput): Promise<ExportOutput> {
  const document = buildExportDocument(input);
  const group =
    input.groupId === null ? null : input.boards.find((b) => b.groupId === input.groupId);
  const names = exportFilenames({
    date: input.workshop.date,
    title: input.workshop.title,
    workshopId: input.workshop.id,
    kind: input.kind,
    groupName: group?.groupName ?? null,
    groupId: input.groupId,
    format: input.format,
  });
  const contentType = CONTENT_TYPES[input.format];
  switch (input.format) {
    case 'csv':
      return { ...names, contentType, body: documentToCsv(document) };
    case 'md':
      return { ...names, contentType, body: documentToMarkdown(document) };
    case 'xlsx':
      // exceljs adds ~25 MB resident: load it when the first XLSX is asked for, not at start.
      return {
        ...names,
        contentType,
        body: await (await import('./writeXlsx')).documentToXlsx(document),
      };
  }
}
