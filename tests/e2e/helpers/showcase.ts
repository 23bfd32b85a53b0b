import type * as Y from 'yjs';
import {
  SEMINAR4_SCENARIO,
  addFeedback,
  linkPlacements,
  placeControl,
  setNote,
} from '@isms/shared';

/** Cards and notes like a group's after half an hour, for the screenshots. */
export const SHOWCASE: [assetId: string, controlId: string, note: string][] = [
  [
    'customer-db',
    '5.12',
    '顧客データを「社外秘」に分類し、分類基準を情報セキュリティ規程に定める。',
  ],
  ['customer-db', '5.13', '分類に応じて画面・帳票に「社外秘」ラベルを表示する。'],
  [
    'customer-db',
    '5.15',
    '顧客データベースへのアクセス権は営業部と管理者に限定し、四半期ごとに見直す。',
  ],
  ['cloud-contract', '5.23', 'クラウド利用時のデータ保存場所と責任分界を契約前に確認する。'],
  ['cloud-contract', '5.20', '契約書にセキュリティ要件と事故時の報告義務を明記する。'],
  ['bcp', '5.29', '障害時の連絡網と代替手段を文書化し、年1回訓練する。'],
];

/** Writes SHOWCASE (with a link and one feedback) into a board doc through shared/ commands. */
export function fillShowcase(doc: Y.Doc) {
  const ctx = { scenario: SEMINAR4_SCENARIO };
  const ids = new Map<string, string>();
  for (const [assetId, controlId, text] of SHOWCASE) {
    const placed = placeControl(doc, ctx, { assetId, controlId, placedBy: '田中' });
    if (!placed.ok) throw new Error(placed.message);
    ids.set(controlId, placed.value.placementId);
    setNote(doc, ctx, placed.value.placementId, text);
  }
  linkPlacements(doc, ctx, { from: ids.get('5.12')!, to: ids.get('5.13')!, createdBy: '田中' });
  addFeedback(doc, ctx, {
    author: '講師',
    text: '分類のレベル（極秘・社外秘・公開）まで書けると良いです。',
    anchor: { kind: 'placement', placementId: ids.get('5.12')! },
  });
}
