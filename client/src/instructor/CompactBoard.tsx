import { memo } from 'react';
import { type Scenario, isNoteWritten } from '@isms/shared';
import { useLocale } from '../i18n';
import { type GroupSnapshot, nobodyOnline } from './live/workshopConnection';
import { useIT } from './i18n';

/**
 * One group at a glance: per asset the placed controls (filled chip = note written, outlined =
 * no note yet), who is online and the progress. Memoised on the group's snapshot, which only
 * changes when that group changed, so typing in one group never re-renders the other seven.
 */
export const CompactBoard = memo(function CompactBoard(props: {
  group: GroupSnapshot;
  scenario: Scenario;
  locked: boolean;
  onOpen: (groupId: string) => void;
  onLock: (groupId: string, locked: boolean) => void;
}) {
  const t = useIT();
  const locale = useLocale();
  const { group, scenario } = props;
  const { progress } = group;
  const complete =
    progress.placed === progress.required && progress.notesWritten === progress.required;
  return (
    <article
      className={`compact${props.locked ? ' compact--locked' : ''}${complete ? ' compact--complete' : ''}`}
      data-group={group.groupId}
      aria-label={group.groupName}
    >
      <header className="compact__head">
        <button type="button" className="compact__name" onClick={() => props.onOpen(group.groupId)}>
          {group.groupName}
        </button>
        {props.locked && <span className="compact__locked">{t('ins.locked')}</span>}
        {group.board.meta.done && (
          <span className="compact__done" data-testid={`done-${group.groupId}`}>
            ✓ {t('ins.done')}
          </span>
        )}
        <span
          className={`compact__online${group.online.length > 0 ? ' compact__online--on' : ''}`}
          title={group.online.join(', ')}
          data-testid={`online-${group.groupId}`}
        >
          {group.online.length > 0
            ? `${t('ins.online', { count: group.online.length })}: ${group.online.join('、')}`
            : t(nobodyOnline(group))}
        </span>
        <button
          type="button"
          className={`button button--small ${props.locked ? 'button--warning' : 'button--ghost'}`}
          onClick={() => props.onLock(group.groupId, !props.locked)}
          aria-pressed={props.locked}
        >
          {props.locked ? t('ins.unlock') : t('ins.lock')}
        </button>
      </header>
      <p className="compact__progress" data-testid={`progress-${group.groupId}`}>
        {t('ins.progress', {
          placed: progress.placed,
          notes: progress.notesWritten,
          required: progress.required,
        })}
      </p>
      <div className="compact__bar" aria-hidden="true">
        <span
          style={{ width: `${(100 * progress.notesWritten) / Math.max(1, progress.required)}%` }}
        />
      </div>
      <ol className="compact__assets">
        {scenario.assets.map((asset) => {
          const lane = group.board.placements.filter((p) => p.assetId === asset.id);
          return (
            <li key={asset.id} className="compact__asset" data-asset={asset.id}>
              <span
                className="compact__asset-name"
                title={locale === 'ja' ? asset.name_ja : asset.name_en}
              >
                {locale === 'ja' ? asset.name_ja : asset.name_en}
              </span>
              <span className="compact__chips">
                {lane.map((placement) => (
                  <span
                    key={placement.id}
                    className={`ins-chip${isNoteWritten(placement.note) ? ' ins-chip--noted' : ''}`}
                    title={placement.note || t('ins.noNote')}
                  >
                    {placement.controlId}
                  </span>
                ))}
                {Array.from(
                  { length: Math.max(0, scenario.controls_per_asset - lane.length) },
                  (_, i) => (
                    <span
                      key={`missing-${i}`}
                      className="ins-chip ins-chip--missing"
                      aria-hidden="true"
                    >
                      ·
                    </span>
                  ),
                )}
              </span>
            </li>
          );
        })}
      </ol>
    </article>
  );
});
