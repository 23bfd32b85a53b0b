import { useMemo, useState } from 'react';
import {
  type GroupBoard,
  type MergedCell,
  type Scenario,
  compareControlIds,
  getControl,
  mergedView,
} from '@isms/shared';
import { useLocale } from '../i18n';
import type { GroupSnapshot } from './live/workshopConnection';
import { useIT } from './i18n';

/** How many of the most contested assets the header names (more is noise on a projector). */
const CONTESTED_SHOWN = 3;

interface Selection {
  assetId: string;
  controlId: string;
}

/** Builds the merged view once per change of any group's board (not on presence changes). */
function useMerged(groups: readonly GroupSnapshot[], scenario: Scenario) {
  // `groups` keeps its identity until a group's snapshot changes (see WorkshopConnection).
  return useMemo(() => {
    const input: GroupBoard[] = groups.map((g) => ({
      groupId: g.groupId,
      groupName: g.groupName,
      board: g.board,
    }));
    return mergedView(input, scenario);
  }, [groups, scenario]);
}

function Heat({
  cell,
  selected,
  onSelect,
}: {
  cell: MergedCell | undefined;
  selected: boolean;
  onSelect: () => void;
}) {
  if (!cell) return <td className="heat heat--empty" />;
  const classes = [
    'heat',
    cell.unique ? 'heat--unique' : '',
    cell.inExample ? 'heat--example' : '',
    selected ? 'heat--selected' : '',
  ];
  return (
    <td className={classes.filter(Boolean).join(' ')} style={{ ['--share' as string]: cell.share }}>
      <button type="button" onClick={onSelect} aria-pressed={selected} data-cell={cell.controlId}>
        {cell.count}
      </button>
    </td>
  );
}

/**
 * Assets × controls heat map (how many groups chose each), with the notes of a selected cell
 * side by side. Controls only one group chose are outlined; ★ marks the worked example.
 */
export function MergedView({
  groups,
  scenario,
}: {
  groups: readonly GroupSnapshot[];
  scenario: Scenario;
}) {
  const t = useIT();
  const locale = useLocale();
  const view = useMerged(groups, scenario);
  const [selection, setSelection] = useState<Selection | null>(null);
  const [showExample, setShowExample] = useState(false);
  const controls = useMemo(() => {
    const ids = new Set<string>();
    view.assets.forEach((a) => a.cells.forEach((c) => ids.add(c.controlId)));
    return [...ids].sort(compareControlIds);
  }, [view]);
  const name = (asset: { name_ja: string; name_en: string }) =>
    locale === 'ja' ? asset.name_ja : asset.name_en;
  const selectedAsset = view.assets.find((a) => a.asset.id === selection?.assetId);
  const selectedCell = selectedAsset?.cells.find((c) => c.controlId === selection?.controlId);
  const example = scenario.example_answer;
  const contested = view.mostContested.slice(0, CONTESTED_SHOWN);
  return (
    <div className="merged">
      <div className="merged__main">
        <p className="muted">{t('merged.lead')}</p>
        {contested.length > 0 && (
          <p className="merged__contested" data-testid="contested">
            <strong>{t('merged.contested')}:</strong>{' '}
            {contested
              .map((id) => name(view.assets.find((a) => a.asset.id === id)!.asset))
              .join('、')}
          </p>
        )}
        <div className="merged__scroll">
          <table className="heatmap" data-testid="heatmap">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">{t('merged.assetColumn')}</span>
                </th>
                {controls.map((id) => (
                  <th
                    key={id}
                    scope="col"
                    title={getControl(id)?.[locale === 'ja' ? 'title_ja' : 'title_en']}
                  >
                    {id}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {view.assets.map((row) => (
                <tr
                  key={row.asset.id}
                  data-asset={row.asset.id}
                  className={contested.includes(row.asset.id) ? 'heatmap__row--contested' : ''}
                >
                  <th scope="row" title={`${Math.round(row.disagreement * 100)}%`}>
                    {name(row.asset)}
                  </th>
                  {controls.map((id) => {
                    const cell = row.cells.find((c) => c.controlId === id);
                    const selected =
                      selection?.assetId === row.asset.id && selection.controlId === id;
                    return (
                      <Heat
                        key={id}
                        cell={cell}
                        selected={selected}
                        onSelect={() => setSelection({ assetId: row.asset.id, controlId: id })}
                      />
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p className="merged__legend muted">
          <span className="legend-unique" /> {t('merged.unique')}{' '}
          <span className="legend-example">★</span> {t('merged.example')}
        </p>
      </div>
      <aside className="merged__detail" aria-live="polite">
        {selectedAsset && selectedCell ? (
          <>
            <h2>
              {name(selectedAsset.asset)} × {selectedCell.controlId}{' '}
              {locale === 'ja' ? selectedCell.title_ja : selectedCell.title_en}
            </h2>
            <p className="muted">
              {t('merged.groupsChose', { count: selectedCell.count, total: view.groupCount })}
            </p>
            <ul className="merged__notes" data-testid="merged-notes">
              {selectedCell.choices.map((choice) => (
                <li key={choice.groupId} data-group={choice.groupId}>
                  <strong>{choice.groupName}</strong>
                  <p>{choice.note || <em className="muted">{t('ins.noNote')}</em>}</p>
                </li>
              ))}
            </ul>
            {selectedCell.exampleNote && (
              <div className="merged__example">
                <strong>★ {t('merged.example')}</strong>
                <p>{selectedCell.exampleNote}</p>
              </div>
            )}
          </>
        ) : (
          <p className="muted">{t('merged.selectCell')}</p>
        )}
        {example && (
          <div className="merged__worked">
            <label>
              <input
                type="checkbox"
                checked={showExample}
                onChange={(e) => setShowExample(e.target.checked)}
              />{' '}
              {t('merged.compareExample')}
            </label>
            {showExample && (
              <table className="mini-table">
                <caption>
                  {name(
                    scenario.assets.find((a) => a.id === example.asset) ?? {
                      name_ja: '',
                      name_en: '',
                    },
                  )}
                </caption>
                <tbody>
                  {example.rows.map((row) => {
                    const count =
                      view.assets
                        .find((a) => a.asset.id === example.asset)
                        ?.cells.find((c) => c.controlId === row.control)?.count ?? 0;
                    return (
                      <tr key={row.control}>
                        <th>{row.control}</th>
                        <td>{locale === 'en' && row.note_en ? row.note_en : row.note_ja}</td>
                        <td className="mini-table__count">
                          {t('merged.groupsChose', { count, total: view.groupCount })}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )}
            {showExample && example.advice_ja && (
              <p className="muted">
                {locale === 'en' && example.advice_en ? example.advice_en : example.advice_ja}
              </p>
            )}
          </div>
        )}
      </aside>
    </div>
  );
}
