import { useEffect, useMemo, useState } from 'react';
import type { GroupBoard } from '@isms/shared';
import { useLocale } from '../i18n';
import { useIT } from '../instructor/i18n';
import {
  useWorkshopAccess,
  useWorkshopConnection,
  useWorkshopSnapshot,
} from '../instructor/live/useWorkshop';
import { PrintDocument } from './PrintDocument';
import { PRINT_PARTS, type PrintPart, printSections } from './printSections';
import './print.css';

const PRESENCE = { user: { name: '講師', role: 'instructor' as const, color: '#c9822b' } };

/** /print/:workshopId — print-friendly documents: A4, a page per group, no UI chrome. */
export default function PrintPage({ workshopId = '' }: { workshopId?: string }) {
  const t = useIT();
  const lang = useLocale();
  const access = useWorkshopAccess(workshopId);
  const connection = useWorkshopConnection(access, PRESENCE);
  const snapshot = useWorkshopSnapshot(connection);
  const initial = useMemo(() => new URLSearchParams(window.location.search).get('parts'), []);
  const [parts, setParts] = useState<Set<PrintPart>>(
    () => new Set(initial ? (initial.split(',') as PrintPart[]) : PRINT_PARTS),
  );
  const ready = snapshot.groups.length > 0 && snapshot.groups.every((group) => group.synced);
  const groupFilter = useMemo(() => new URLSearchParams(window.location.search).get('group'), []);
  const sections = useMemo(() => {
    if (access.state !== 'ready' || !ready) return [];
    const groups: GroupBoard[] = snapshot.groups
      .filter((g) => !groupFilter || g.groupId === groupFilter)
      .map((g) => ({ groupId: g.groupId, groupName: g.groupName, board: g.board }));
    const scope = groupFilter ? 'group' : 'workshop';
    return printSections(groups, access.scenario, lang, parts, access.info, scope);
  }, [access, ready, snapshot.groups, lang, parts, groupFilter]);
  useEffect(() => {
    if (access.state === 'ready') document.title = `${access.info.date} ${access.info.title}`;
  }, [access]);
  if (access.state === 'denied') return <p className="alert alert--error">{t('ins.noToken')}</p>;
  if (access.state !== 'ready' || !ready)
    return <div className="loading">{t('ins.connecting')}</div>;
  const toggle = (part: PrintPart) =>
    setParts((current) => {
      const next = new Set(current);
      if (!next.delete(part)) next.add(part);
      return next;
    });
  return (
    <main className="print" data-ready="true">
      <div className="print__toolbar no-print">
        <strong>{t('print.what')}:</strong>
        {PRINT_PARTS.map((part) => (
          <label key={part}>
            <input type="checkbox" checked={parts.has(part)} onChange={() => toggle(part)} />{' '}
            {t(`export.kind.${part}`)}
          </label>
        ))}
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('print.print')}
        </button>
      </div>
      <header className="print__cover">
        <h1>{access.info.title}</h1>
        <p>{access.info.date}</p>
      </header>
      <PrintDocument sections={sections} />
    </main>
  );
}
