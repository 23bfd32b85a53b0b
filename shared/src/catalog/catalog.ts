import type {
  AttributeKey,
  AttributeTag,
  AttributeValue,
  AttributeVocabulary,
  Control,
  ControlId,
  Locale,
  Theme,
  ThemeKey,
} from './types';
import { ATTRIBUTE_KEYS } from './types';
import controlsJson from './data/iso27002-2022-controls.json';
import attributesJson from './data/iso27002-attributes.json';

/** Provenance notes shipped with the data files; shown in the UI's "about the data" panel. */
export const CATALOG_PROVENANCE = {
  attributes: attributesJson.about,
  document: 'docs/catalog-provenance.md',
} as const;

type RawVocabulary = (typeof attributesJson.attributes)[number];

function toVocabulary(raw: RawVocabulary): AttributeVocabulary {
  return {
    key: raw.key as AttributeKey,
    name_ja: raw.name_ja,
    name_en: raw.name_en,
    values: raw.values.map(([key, ja, en]) => ({ key, ja, en }) as AttributeValue),
  };
}

export const ATTRIBUTE_VOCABULARIES: readonly AttributeVocabulary[] =
  attributesJson.attributes.map(toVocabulary);

export const THEMES: readonly Theme[] = attributesJson.themes.map((theme) => ({
  ...theme,
  key: theme.key as ThemeKey,
}));

export const CONTROLS: readonly Control[] = (controlsJson as unknown as Control[]).map((control) =>
  Object.freeze(control),
);

const controlsById = new Map<string, Control>(CONTROLS.map((control) => [control.id, control]));
const vocabularyByKey = new Map(ATTRIBUTE_VOCABULARIES.map((v) => [v.key, v]));

export function getControl(id: string): Control | undefined {
  return controlsById.get(id);
}

export function isControlId(id: string): id is ControlId {
  return controlsById.has(id);
}

export function controlsOfTheme(theme: ThemeKey | 'all'): readonly Control[] {
  return theme === 'all' ? CONTROLS : CONTROLS.filter((control) => control.theme === theme);
}

export function getTheme(key: ThemeKey): Theme {
  const theme = THEMES.find((t) => t.key === key);
  if (!theme) throw new Error(`unknown theme ${key}`);
  return theme;
}

export function getVocabulary(key: AttributeKey): AttributeVocabulary {
  const vocabulary = vocabularyByKey.get(key);
  if (!vocabulary) throw new Error(`unknown attribute ${key}`);
  return vocabulary;
}

export function controlTitle(control: Control, locale: Locale): string {
  return locale === 'ja' ? control.title_ja : control.title_en;
}

/** Compares control ids numerically ("5.9" < "5.10"). */
export function compareControlIds(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const japaneseLabelUses = new Map<string, number>();
for (const vocabulary of ATTRIBUTE_VOCABULARIES) {
  for (const value of vocabulary.values) {
    japaneseLabelUses.set(value.ja, (japaneseLabelUses.get(value.ja) ?? 0) + 1);
  }
}

export function attributeTag(attribute: AttributeKey, value: string): AttributeTag {
  const vocabulary = getVocabulary(attribute);
  const entry = vocabulary.values.find((v) => v.key === value);
  if (!entry) throw new Error(`"${value}" is not a value of attribute ${attribute}`);
  return {
    attribute,
    value,
    ja: entry.ja,
    en: entry.en,
    attributeName_ja: vocabulary.name_ja,
    attributeName_en: vocabulary.name_en,
    ambiguousInJapanese: (japaneseLabelUses.get(entry.ja) ?? 0) > 1,
  };
}

/** All tags of a control in the canonical attribute order. */
export function attributeTags(control: Control): AttributeTag[] {
  return ATTRIBUTE_KEYS.flatMap((attribute) =>
    control.attributes[attribute].map((value) => attributeTag(attribute, value)),
  );
}

/**
 * A label that can never be confused: "検知（管理策タイプ）" vs "検知（サイバーセキュリティ概念）".
 * Unambiguous labels stay short.
 */
export function attributeTagLabel(tag: AttributeTag, locale: Locale, qualify = false): string {
  if (locale === 'en') return qualify ? `${tag.attributeName_en}: ${tag.en}` : tag.en;
  return qualify || tag.ambiguousInJapanese ? `${tag.ja}（${tag.attributeName_ja}）` : tag.ja;
}
