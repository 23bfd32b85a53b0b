import { useEffect, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import {
  type PlacementSummary,
  type Scenario,
  addFeedback,
  boardSummary,
  editNote,
  noteText,
} from '@isms/shared';
import { useLocale, useT } from '../i18n';
import { Icon } from '../common/Icon';
import { FeedbackForm, INSTRUCTOR_AUTHOR } from './FeedbackForm';
import { FeedbackList } from './FeedbackList';
import { type GroupSnapshot, nobodyOnline } from './live/workshopConnection';
import { NoteBinding } from '../board/notes/noteBinding';
import { useIT } from './i18n';
import { HistoryPanel } from './history/HistoryPanel';

/**
 * The instructor's note editor: the same IME-safe NoteBinding as the participants' board
 * (minimal edits, caret kept under remote edits, compositions never broken), writing with
 * bypassLock because instructors may edit locked boards.
 */
function NoteEditor(props: { doc: Y.Doc; scenario: Scenario; placementId: string; label: string }) {
  const ref = useRef<HTMLTextAreaElement>(null);
  const { doc, scenario, placementId } = props;
  useEffect(() => {
    const textarea = ref.current;
    const text = noteText(doc, placementId);
    if (!textarea || !text) return;
    const binding = new NoteBinding({
      textarea,
      text,
      apply: (edit) => editNote(doc, { scenario, bypassLock: true }, { placementId, ...edit }).ok,
    });
    return () => binding.destroy();
  }, [doc, scenario, placementId]);
  return (
    <textarea ref={ref} className="input group-card__note" rows={2} aria-label={props.label} />
  );
}

function Card(props: { card: PlacementSummary; doc: Y.Doc; scenario: Scenario }) {
  const t = useIT();
  const boardT = useT();
  const locale = useLocale();
  const { card } = props;
  const good = card.feedback.some((f) => f.kind === 'good-example' && !f.resolved);
  const markGood = () =>
    addFeedback(
      props.doc,
      { scenario: props.scenario, bypassLock: true },
      {
        author: INSTRUCTOR_AUTHOR,
        text: '',
        anchor: { kind: 'placement', placementId: card.id },
        kind: 'good-example',
      },
    );
  return (
    <li className={`group-card${good ? ' group-card--good' : ''}`} data-control={card.controlId}>
      <div className="group-card__head">
        <strong>{card.controlId}</strong>
        <span className="group-card__title">{locale === 'ja' ? card.title_ja : card.title_en}</span>
        {card.linksIn.length > 0 && (
          <span className="muted"> ← {card.linksIn.map((l) => l.controlId).join(', ')}</span>
        )}
      </div>
      <NoteEditor
        doc={props.doc}
        scenario={props.scenario}
        placementId={card.id}
        label={`${card.controlId} ${boardT('card.note')}`}
      />
      <FeedbackList items={card.feedback} doc={props.doc} />
      <div className="group-card__actions">
        <button
          type="button"
          className="button button--small button--ghost"
          onClick={markGood}
          disabled={good}
        >
          <Icon name="star" /> {t('fb.markGood')}
        </button>
        <FeedbackForm
          doc={props.doc}
          scenario={props.scenario}
          anchor={{ kind: 'placement', placementId: card.id }}
          label={`${card.controlId} ${t('fb.comment')}`}
          subject={card.controlId}
          placeholder={t('fb.cardPlaceholder')}
          collapsed
        />
      </div>
    </li>
  );
}

/** One group's whole board for the instructor: edit notes, comment, mark good examples. */
export function GroupBoard(props: {
  group: GroupSnapshot;
  doc: Y.Doc;
  scenario: Scenario;
  workshopId: string;
  token: string;
}) {
  const t = useIT();
  const locale = useLocale();
  const { group, doc, scenario } = props;
  const summary = useMemo(() => boardSummary(group.board, scenario), [group.board, scenario]);
  const [showHistory, setShowHistory] = useState(false);
  if (showHistory) {
    return (
      <HistoryPanel
        key={group.groupId}
        token={props.token}
        workshopId={props.workshopId}
        groupId={group.groupId}
        groupName={group.groupName}
        scenario={scenario}
        now={group.board}
        onClose={() => setShowHistory(false)}
      />
    );
  }
  return (
    <div className="group-board" data-group={group.groupId}>
      <section className="group-board__feedback">
        <h2>
          {group.groupName}{' '}
          <span className="muted group-board__status">
            {t('ins.progress', {
              placed: group.progress.placed,
              notes: group.progress.notesWritten,
              required: group.progress.required,
            })}
            {' · '}
            {group.online.length > 0 ? group.online.join('、') : t(nobodyOnline(group))}
            {group.board.meta.locked ? ` · ${t('ins.locked')}` : ''}
          </span>{' '}
          <button
            type="button"
            className="button button--small"
            onClick={() => setShowHistory(true)}
          >
            {t('hist.open')}
          </button>
        </h2>
        <FeedbackList items={[...summary.boardFeedback, ...summary.detachedFeedback]} doc={doc} />
        <FeedbackForm
          doc={doc}
          scenario={scenario}
          anchor={{ kind: 'board' }}
          label={`${group.groupName} ${t('fb.title')}`}
        />
      </section>
      <div className="group-board__lanes">
        {summary.assets.map(({ asset, placements, feedback }, index) => (
          <section key={asset.id} className="group-lane" data-asset={asset.id}>
            <h2>
              {index + 1}. {locale === 'ja' ? asset.name_ja : asset.name_en}
            </h2>
            <p className="group-lane__risk muted">
              {locale === 'ja' ? asset.risk_ja : asset.risk_en}
            </p>
            {placements.length === 0 && <p className="muted">{t('ins.empty')}</p>}
            <ol className="group-lane__cards">
              {placements.map((card) => (
                <Card key={card.id} card={card} doc={doc} scenario={scenario} />
              ))}
            </ol>
            <FeedbackList items={feedback} doc={doc} />
            <FeedbackForm
              doc={doc}
              scenario={scenario}
              anchor={{ kind: 'asset', assetId: asset.id }}
              label={`${locale === 'ja' ? asset.name_ja : asset.name_en} ${t('fb.comment')}`}
              subject={locale === 'ja' ? asset.name_ja : asset.name_en}
              placeholder={t('fb.assetPlaceholder')}
              buttonLabel={t('fb.assetComment')}
              collapsed
            />
          </section>
        ))}
      </div>
    </div>
  );
}
