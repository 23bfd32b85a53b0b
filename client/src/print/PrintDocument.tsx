import { ExportTableView } from './ExportTableView';
import type { PrintSection } from './printSections';

/**
 * The printed documents: a section (new page) per sheet of the shared export document, a
 * heading and caption per block. Presentational; tests/exports renders it beside the server's
 * Markdown and compares the two.
 */
export function PrintDocument({ sections }: { sections: readonly PrintSection[] }) {
  return (
    <>
      {sections.map((section) => (
        <section key={section.id} className="print__section" data-section={section.id}>
          <h2>{section.title}</h2>
          {section.blocks.map((block, index) => (
            <div key={index} className="print__block">
              {block.heading && <h3>{block.heading}</h3>}
              {block.caption && <p className="print__caption">{block.caption}</p>}
              <ExportTableView table={block.table} />
            </div>
          ))}
        </section>
      ))}
    </>
  );
}
