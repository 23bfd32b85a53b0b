import type { ExportTable } from '@isms/shared';
import { useIT } from '../instructor/i18n';

/**
 * Any shared export table as HTML, so the print page shows exactly what the XLSX/CSV exports
 * hold. Column widths follow the tables' width hints; <thead> repeats on every printed page;
 * an empty table prints one line saying so.
 */
export function ExportTableView({ table, caption }: { table: ExportTable; caption?: string }) {
  const t = useIT();
  // A header row over nothing reads like a printing fault: say that nothing was chosen.
  if (table.rows.length === 0) return <p className="print__empty">{t('print.noRows')}</p>;
  const total = table.columns.reduce((sum, column) => sum + column.width, 0) || 1;
  return (
    <table className="print-table">
      {caption && <caption>{caption}</caption>}
      <colgroup>
        {table.columns.map((column) => (
          <col key={column.key} style={{ width: `${(100 * column.width) / total}%` }} />
        ))}
      </colgroup>
      <thead>
        <tr>
          {table.columns.map((column) => (
            <th key={column.key} scope="col">
              {column.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {table.rows.map((row, index) => (
          <tr key={index}>
            {table.columns.map((column) => (
              <td key={column.key}>{row[column.key]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
