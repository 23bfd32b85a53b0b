import { useState } from 'react';
import type { GroupInfo, WorkshopInfo } from '@isms/shared';
import { QrCode } from './QrCode';
import { instructorApi } from './api';
import { useIT } from './i18n';

/** Splits a code for reading aloud: "ABCD2345" → "ABCD-2345" (the server may already have). */
export function spacedCode(code: string): string {
  return code.includes('-') ? code : code.replace(/(.{4})(?=.)/g, '$1-');
}

export function joinLink(code: string): string {
  return `${window.location.origin}/join/${code}`;
}

function GroupJoinCard(props: {
  workshop: WorkshopInfo;
  group: GroupInfo;
  onRotate?: (group: GroupInfo) => void;
}) {
  const t = useIT();
  const { group } = props;
  const link = joinLink(group.code);
  return (
    <section className="join-card" data-group={group.id}>
      <p className="join-card__workshop">{props.workshop.title}</p>
      <h2 className="join-card__group">{group.name}</h2>
      <QrCode value={link} label={`${group.name} QR`} />
      <p className="join-card__label">{t('join.code')}</p>
      <p className="join-card__code" data-testid={`join-code-${group.id}`}>
        {spacedCode(group.code)}
      </p>
      <p className="join-card__link">{link}</p>
      <p className="join-card__lead print-only">{t('join.sheetLead')}</p>
      {props.onRotate && (
        <button
          type="button"
          className="button button--small button--ghost no-print"
          onClick={() => props.onRotate?.(group)}
        >
          {t('join.rotate')}
        </button>
      )}
    </section>
  );
}

/**
 * Every group's code, link and QR code: a grid on the projector, one group per A4 page in
 * print (see instructor.css @media print).
 */
export function JoinSheet(props: { workshop: WorkshopInfo; token: string | null }) {
  const t = useIT();
  const [groups, setGroups] = useState(props.workshop.groups);
  const [error, setError] = useState<string | null>(null);
  const rotate = async (group: GroupInfo) => {
    if (!props.token || !window.confirm(t('join.rotateConfirm', { group: group.name }))) return;
    try {
      const updated = await instructorApi.rotateCode(props.token, props.workshop.id, group.id);
      setGroups((all) => all.map((g) => (g.id === updated.id ? { ...g, ...updated } : g)));
    } catch (failure) {
      setError(String((failure as Error).message));
    }
  };
  return (
    <div className="join-sheet">
      <div className="join-sheet__head no-print">
        <h2>{t('join.sheetTitle')}</h2>
        <p className="muted">{t('join.sheetLead')}</p>
        <button type="button" className="button" onClick={() => window.print()}>
          {t('join.print')}
        </button>
        {error && <p className="alert alert--error">{t('common.error', { message: error })}</p>}
      </div>
      <div className="join-sheet__grid">
        {groups.map((group) => (
          <GroupJoinCard
            key={group.id}
            workshop={props.workshop}
            group={group}
            onRotate={props.token ? rotate : undefined}
          />
        ))}
      </div>
    </div>
  );
}
