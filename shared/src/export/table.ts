/** A localized, format-neutral table: CSV, Markdown, XLSX and the print page all render these. */
export interface ExportColumn {
  key: string;
  header: string;
  /** Relative width hint for XLSX and print (characters). */
  width: number;
}

export interface ExportTable {
  /** Sheet / section title. */
  title: string;
  columns: ExportColumn[];
  rows: Record<string, string>[];
}
