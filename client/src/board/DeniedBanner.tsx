import { useState } from 'react';
import {
  DenyReason,
  MAX_CARDS_PER_ASSET,
  MAX_NOTE_LENGTH,
  type DenyReason as DenyReasonValue,
} from '@isms/shared';
import { type MessageKey, useT } from '../i18n';
import { useSelector } from '../store/useSelector';
import { useRuntime } from './context';

/**
 * Why the server refused a write (docs/PROTOCOL.md "What the server checks on every write"),
 * in the user's language. The edit stays in this device's copy of the board (and IndexedDB),
 * so nothing typed is lost; the banner says so. `missing-dependencies` heals by itself within
 * a round trip and `awareness-not-owned` is about cursors, so neither is shown.
 */
const MESSAGES: Partial<Record<DenyReasonValue, MessageKey>> = {
  [DenyReason.readOnly]: 'status.denied.read-only',
  [DenyReason.locked]: 'status.denied.locked',
  [DenyReason.archived]: 'status.denied.archived',
  [DenyReason.phaseReadOnly]: 'status.denied.phase-read-only',
  [DenyReason.instructorOnly]: 'status.denied.instructor-only',
  [DenyReason.invalidStructure]: 'status.denied.invalid-structure',
  [DenyReason.unknownAsset]: 'status.denied.unknown-asset',
  [DenyReason.unknownControl]: 'status.denied.unknown-control',
  [DenyReason.controlNotInTheme]: 'status.denied.control-not-in-theme',
  [DenyReason.slotMismatch]: 'status.denied.slot-mismatch',
  [DenyReason.laneFull]: 'status.denied.lane-full',
  [DenyReason.noteTooLong]: 'status.denied.note-too-long',
  [DenyReason.textTooLong]: 'status.denied.text-too-long',
};

const LIMITS: Partial<Record<DenyReasonValue, number>> = {
  [DenyReason.laneFull]: MAX_CARDS_PER_ASSET,
  [DenyReason.noteTooLong]: MAX_NOTE_LENGTH,
};

export function DeniedBanner() {
  const runtime = useRuntime();
  const denied = useSelector(runtime.connection, (state) => state.denied);
  /** The reason the user dismissed; a refusal for another reason shows again. */
  const [dismissed, setDismissed] = useState<string | null>(null);
  const t = useT();
  const key = denied ? MESSAGES[denied as DenyReasonValue] : undefined;
  if (!denied || !key || dismissed === denied) return null;
  const limit = LIMITS[denied as DenyReasonValue];
  return (
    <div className="banner banner--error" role="alert">
      <span>
        {t(key, limit === undefined ? undefined : { limit })} {t('status.denied.kept')}
      </span>
      <button type="button" className="button button--small" onClick={() => setDismissed(denied)}>
        {t('status.denied.dismiss')}
      </button>
    </div>
  );
}
