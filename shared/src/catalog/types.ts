/** The five attribute sets ISO/IEC 27002:2022 clause 4.2 attaches to every control. */
export const ATTRIBUTE_KEYS = [
  'control_type',
  'properties',
  'concepts',
  'capabilities',
  'domains',
] as const;
export type AttributeKey = (typeof ATTRIBUTE_KEYS)[number];

export const THEME_KEYS = ['organizational', 'people', 'physical', 'technological'] as const;
export type ThemeKey = (typeof THEME_KEYS)[number];

export type Locale = 'ja' | 'en';

/** A control id such as "5.12". Branded so a free string cannot be passed by accident. */
export type ControlId = string & { readonly __brand?: 'ControlId' };

export interface ControlSources {
  title_en: string;
  title_ja: string;
  attributes: string;
}

export interface Control {
  id: ControlId;
  theme: ThemeKey;
  title_en: string;
  title_ja: string;
  attributes: Record<AttributeKey, readonly string[]>;
  /** Where the titles and attribute tags come from (see docs/catalog-provenance.md). */
  sources: ControlSources;
}

export interface AttributeValue {
  key: string;
  ja: string;
  en: string;
}

export interface AttributeVocabulary {
  key: AttributeKey;
  name_ja: string;
  name_en: string;
  values: readonly AttributeValue[];
}

export interface Theme {
  key: ThemeKey;
  prefix: string;
  name_ja: string;
  name_en: string;
  count: number;
}

export interface RelationChain {
  id: string;
  name_ja: string;
  name_en: string;
  /** Ordered links: the first control feeds the second (e.g. 5.12 classification → 5.13 labelling). */
  links: readonly (readonly [ControlId, ControlId])[];
  related: readonly ControlId[];
  basis: string;
}

/** One attribute tag as it should be displayed: the value plus the attribute it belongs to. */
export interface AttributeTag {
  attribute: AttributeKey;
  value: string;
  ja: string;
  en: string;
  attributeName_ja: string;
  attributeName_en: string;
  /** True when the Japanese label alone also names a value of another attribute (検知, 防御). */
  ambiguousInJapanese: boolean;
}
