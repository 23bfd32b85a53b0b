import type { BoardChanges, CardChange } from '@isms/shared';
import { hasChanges } from '@isms/shared';
import { useLocale } from '../../i18n';
import { controlLabel } from '../../board/labels';
import { useIT } from '../i18n';
import { NoteDiff } from './NoteDiff';

/** What changed between the version shown and the board now (diffBoards from shared/). */
export function ChangesSummary(props: { changes: BoardChanges }) {
  const t = useIT();
  const locale = useLocale();
  const { changes } = props;
  const cards = (list: CardChange[]) =>
    list.map((card) => controlLabel(card.controlId, locale)).join('、');
  return (
    <section className="history__changes" aria-labelledby="history-changes">
      <h3 id="history-changes">{t('hist.changes')}</h3>
      {!hasChanges(changes) && <p className="muted">{t('hist.noChanges')}</p>}
      <ul className="history__change-list">
        {changes.removed.length > 0 && (
          <li className="history__change history__change--removed">
            {t('hist.removed', { cards: cards(changes.removed) })}
          </li>
        )}
        {changes.added.length > 0 && (
          <li className="history__change history__change--added">
            {t('hist.added', { cards: cards(changes.added) })}
          </li>
        )}
        {changes.moved.length > 0 && (
          <li className="history__change">{t('hist.moved', { cards: cards(changes.moved) })}</li>
        )}
        {changes.soa.length > 0 && (
          <li className="history__change">{t('hist.soaChanged', { count: changes.soa.length })}</li>
        )}
        {changes.linksAdded + changes.linksRemoved > 0 && (
          <li className="history__change">
            {t('hist.linksChanged', { added: changes.linksAdded, removed: changes.linksRemoved })}
          </li>
        )}
      </ul>
      {changes.notes.length > 0 && (
        <>
          <h4>{t('hist.notesChanged', { count: changes.notes.length })}</h4>
          <ul className="history__note-changes">
            {changes.notes.map((note) => (
              <li key={note.placementId}>
                <strong>{controlLabel(note.controlId, locale)}</strong>
                <NoteDiff parts={note.parts} />
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
