import { type Locale, type Scenario, getControl } from '@isms/shared';

/** "5.12 情報の分類" — how a control is named in announcements and menus. */
export function controlLabel(controlId: string, locale: Locale): string {
  const control = getControl(controlId);
  if (!control) return controlId;
  return `${control.id} ${locale === 'ja' ? control.title_ja : control.title_en}`;
}

export function assetName(scenario: Scenario, assetId: string, locale: Locale): string {
  const asset = scenario.assets.find((candidate) => candidate.id === assetId);
  if (!asset) return assetId;
  return locale === 'ja' ? asset.name_ja : asset.name_en;
}
