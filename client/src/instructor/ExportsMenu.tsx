import type { ExportFormat, WorkshopInfo } from '@isms/shared';
import { useLocale } from '../i18n';
import { exportUrl } from './api';
import { useIT } from './i18n';

const KINDS = ['security-standard', 'soa', 'report'] as const;
const FORMATS: ExportFormat[] = ['xlsx', 'csv', 'md'];
const FORMAT_LABEL: Record<ExportFormat, string> = {
  xlsx: 'Excel',
  csv: 'CSV',
  md: 'Markdown',
  json: 'JSON',
};

/** Every export × format for the workshop and per group, the JSON backup and the print page. */
export function ExportsMenu({ workshop, token }: { workshop: WorkshopInfo; token: string }) {
  const t = useIT();
  const lang = useLocale();
  const scopes = [
    { id: null, name: t('export.workshop') },
    ...workshop.groups.map((g) => ({ id: g.id, name: g.name })),
  ];
  return (
    <div className="exports">
      <p className="exports__actions">
        <a
          className="button button--primary"
          href={`/print/${workshop.id}`}
          target="_blank"
          rel="noreferrer"
        >
          {t('export.print')}
        </a>
        <a
          className="button"
          href={exportUrl(workshop.id, token, 'backup', 'json', { lang })}
          download
          data-export="backup.json"
        >
          {t('export.backup')}
        </a>
      </p>
      <table className="exports__table">
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('export.scopeColumn')}</span>
            </th>
            {KINDS.map((kind) => (
              <th key={kind} scope="col">
                {t(`export.kind.${kind}`)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {scopes.map((scope) => (
            <tr key={scope.id ?? 'all'} data-scope={scope.id ?? 'all'}>
              <th scope="row">{scope.name}</th>
              {KINDS.map((kind) => (
                <td key={kind}>
                  {FORMATS.map((format) => (
                    <a
                      key={format}
                      className="button button--small button--ghost"
                      href={exportUrl(workshop.id, token, kind, format, {
                        groupId: scope.id,
                        lang,
                      })}
                      download
                      data-export={`${kind}.${format}`}
                    >
                      {FORMAT_LABEL[format]}
                    </a>
                  ))}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
