import { describe, expect, it } from 'vitest';
import {
  ATTRIBUTE_VOCABULARIES,
  CONTROLS,
  THEMES,
  attributeTag,
  attributeTagLabel,
  attributeTags,
  compareControlIds,
  getControl,
} from './catalog';
import { RELATION_CHAINS, isSourcedLink, relatedControls } from './relations';
import { ATTRIBUTE_KEYS } from './types';

describe('catalog', () => {
  it('holds the 93 controls of ISO/IEC 27002:2022, 37/8/14/34 by theme', () => {
    expect(CONTROLS).toHaveLength(93);
    const byTheme = Object.fromEntries(THEMES.map((t) => [t.key, 0]));
    for (const control of CONTROLS) byTheme[control.theme] = (byTheme[control.theme] ?? 0) + 1;
    expect(byTheme).toEqual({ organizational: 37, people: 8, physical: 14, technological: 34 });
    for (const theme of THEMES) expect(byTheme[theme.key]).toBe(theme.count);
  });

  it('has unique ids whose prefix matches the theme', () => {
    expect(new Set(CONTROLS.map((c) => c.id)).size).toBe(93);
    for (const control of CONTROLS) {
      const theme = THEMES.find((t) => t.key === control.theme);
      expect(control.id.split('.')[0], control.id).toBe(theme?.prefix);
    }
  });

  it('has Japanese and English titles and provenance for every control', () => {
    for (const control of CONTROLS) {
      expect(control.title_ja.length, control.id).toBeGreaterThan(0);
      expect(control.title_en.length, control.id).toBeGreaterThan(0);
      expect(control.sources.title_ja, control.id).toBeTruthy();
      expect(control.sources.attributes, control.id).toBeTruthy();
    }
    expect(getControl('5.12')?.title_ja).toBe('情報の分類');
  });

  it('uses only attribute values from the vocabularies, and every attribute is set', () => {
    for (const control of CONTROLS) {
      for (const key of ATTRIBUTE_KEYS) {
        const vocabulary = ATTRIBUTE_VOCABULARIES.find((v) => v.key === key);
        const allowed = new Set(vocabulary?.values.map((v) => v.key));
        expect(control.attributes[key].length, `${control.id} ${key}`).toBeGreaterThan(0);
        for (const value of control.attributes[key]) {
          expect(allowed.has(value), `${control.id} ${key}=${value}`).toBe(true);
        }
      }
    }
  });

  it('has the vocabulary sizes of clause 4.2 (3 types, 3 properties, 5 concepts, 15 capabilities, 4 domains)', () => {
    const sizes = Object.fromEntries(ATTRIBUTE_VOCABULARIES.map((v) => [v.key, v.values.length]));
    expect(sizes).toEqual({
      control_type: 3,
      properties: 3,
      concepts: 5,
      capabilities: 15,
      domains: 4,
    });
  });

  it('says which attribute an ambiguous Japanese label (検知, 防御) belongs to', () => {
    const detective = attributeTag('control_type', 'Detective');
    const detect = attributeTag('concepts', 'Detect');
    expect(detective.ja).toBe(detect.ja);
    expect(detective.ambiguousInJapanese).toBe(true);
    expect(attributeTagLabel(detective, 'ja')).not.toBe(attributeTagLabel(detect, 'ja'));
    expect(attributeTagLabel(detective, 'ja')).toContain('管理策タイプ');
    expect(attributeTagLabel(attributeTag('concepts', 'Protect'), 'ja')).toContain(
      'サイバーセキュリティ概念',
    );
    expect(attributeTagLabel(attributeTag('domains', 'Defence'), 'ja')).toContain(
      'セキュリティドメイン',
    );
    expect(attributeTagLabel(attributeTag('properties', 'Confidentiality'), 'ja')).toBe('機密性');
  });

  it("lists a control's tags in attribute order", () => {
    const tags = attributeTags(getControl('5.12')!);
    expect(tags[0]?.attribute).toBe('control_type');
    expect(tags.map((t) => t.attribute)).toEqual(
      [...tags.map((t) => t.attribute)].sort(
        (a, b) => ATTRIBUTE_KEYS.indexOf(a) - ATTRIBUTE_KEYS.indexOf(b),
      ),
    );
  });

  it('orders control ids numerically', () => {
    expect(['5.10', '5.9', '5.1', '6.1'].sort(compareControlIds)).toEqual([
      '5.1',
      '5.9',
      '5.10',
      '6.1',
    ]);
  });
});

describe('relations', () => {
  it('only relates real controls', () => {
    for (const chain of RELATION_CHAINS) {
      for (const [from, to] of chain.links) {
        expect(getControl(from), `${chain.id} ${from}`).toBeDefined();
        expect(getControl(to), `${chain.id} ${to}`).toBeDefined();
      }
      for (const member of chain.related)
        expect(getControl(member), `${chain.id} ${member}`).toBeDefined();
    }
  });

  it('suggests 5.13 after 5.12, successors first', () => {
    const related = relatedControls('5.12');
    expect(related[0]?.direction).toBe('next');
    expect(related.map((r) => r.id)).toContain('5.13');
    expect(related.find((r) => r.id === '5.9')?.direction).toBe('previous');
    expect(new Set(related.map((r) => r.id)).size).toBe(related.length);
    expect(related.some((r) => r.id === '5.12')).toBe(false);
    expect(isSourcedLink('5.12', '5.13')).toBe(true);
    expect(isSourcedLink('5.13', '5.12')).toBe(false);
  });

  it('returns nothing for a control outside every chain', () => {
    const loose = CONTROLS.find((c) =>
      RELATION_CHAINS.every(
        (chain) => !chain.links.flat().includes(c.id) && !chain.related.includes(c.id),
      ),
    );
    expect(loose).toBeDefined();
    expect(relatedControls(loose!.id)).toEqual([]);
  });
});
