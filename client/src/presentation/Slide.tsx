import { type BoardState, type Scenario, securityStandardTable } from '@isms/shared';
import { useLocale } from '../i18n';
import { useIT } from '../instructor/i18n';
import { Phrases } from '../common/phrases/Phrases';

export interface SlideGroup {
  name: string;
  board: BoardState | undefined;
}

function GroupTable({
  group,
  scenario,
  assetId,
}: {
  group: SlideGroup;
  scenario: Scenario;
  assetId: string;
}) {
  const t = useIT();
  const locale = useLocale();
  const rows = group.board
    ? securityStandardTable(group.board, scenario).filter((row) => row.assetId === assetId)
    : [];
  return (
    <section className="slide__group" data-group-name={group.name}>
      <h2 className="slide__group-name">{group.name}</h2>
      <table className="slide__table">
        <thead>
          <tr>
            <th className="slide__col-no">{t('col.control')}</th>
            <th className="slide__col-title">{t('col.title')}</th>
            <th>{t('col.implementation')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={3} className="slide__empty">
                {t('present.noRows')}
              </td>
            </tr>
          )}
          {rows.map((row) => (
            <tr key={row.controlId}>
              <td className="slide__col-no">{row.controlId}</td>
              <td className="slide__col-title">
                <Phrases text={locale === 'ja' ? row.title_ja : row.title_en} />
              </td>
              <td className="slide__note">
                {row.implementation || <span className="slide__empty">{t('ins.noNote')}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** One projector slide: a group's 管理策No | 管理策 | 実施内容 for one asset, optionally two groups. */
export function Slide(props: {
  scenario: Scenario;
  assetIndex: number;
  group: SlideGroup;
  compare: SlideGroup | null;
}) {
  const t = useIT();
  const locale = useLocale();
  const { scenario } = props;
  const index = Math.min(Math.max(0, props.assetIndex), scenario.assets.length - 1);
  const asset = scenario.assets[index];
  if (!asset) return null;
  return (
    <div className={`slide${props.compare ? ' slide--compare' : ''}`} data-asset={asset.id}>
      <header className="slide__head">
        <p className="slide__counter">
          {t('present.asset', { index: index + 1, total: scenario.assets.length })}
        </p>
        <h1 className="slide__asset">
          <Phrases text={locale === 'ja' ? asset.name_ja : asset.name_en} />
        </h1>
        <p className="slide__risk">
          <Phrases text={locale === 'ja' ? asset.risk_ja : asset.risk_en} />
        </p>
      </header>
      <div className="slide__groups">
        <GroupTable group={props.group} scenario={scenario} assetId={asset.id} />
        {props.compare && (
          <GroupTable group={props.compare} scenario={scenario} assetId={asset.id} />
        )}
      </div>
    </div>
  );
}
