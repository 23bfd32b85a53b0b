import { type Control, type Locale, attributeTagLabel, attributeTags } from '@isms/shared';

/** Attribute filters are "<attribute>:<value>", e.g. "properties:Confidentiality". */
export type AttributeFilter = string;

export function filterKey(attribute: string, value: string): AttributeFilter {
  return `${attribute}:${value}`;
}

function normalise(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * The palette's search and filter. Query: every word must match the number (prefix, so "5.1"
 * finds 5.1 and 5.10–5.19), the title in either language, or a tag label. Filters: AND across
 * attributes, OR within one attribute (予防 or 検知, and 機密性).
 */
export function filterControls(
  controls: readonly Control[],
  query: string,
  filters: ReadonlySet<AttributeFilter>,
  locale: Locale,
): Control[] {
  const words = normalise(query).split(/\s+/).filter(Boolean);
  const byAttribute = new Map<string, Set<string>>();
  for (const filter of filters) {
    const [attribute = '', value = ''] = filter.split(':');
    if (!byAttribute.has(attribute)) byAttribute.set(attribute, new Set());
    byAttribute.get(attribute)?.add(value);
  }
  return controls.filter((control) => {
    for (const [attribute, values] of byAttribute) {
      const controlValues = control.attributes[attribute as keyof Control['attributes']] ?? [];
      if (!controlValues.some((value) => values.has(value))) return false;
    }
    if (words.length === 0) return true;
    const haystack = normalise(
      [
        control.title_ja,
        control.title_en,
        ...attributeTags(control).map((tag) => attributeTagLabel(tag, locale, true)),
      ].join(' '),
    );
    return words.every((word) => control.id.startsWith(word) || haystack.includes(word));
  });
}
