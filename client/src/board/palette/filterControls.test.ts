import { describe, expect, it } from 'vitest';
import { controlsOfTheme } from '@isms/shared';
import { filterControls, filterKey } from './filterControls';

const organizational = controlsOfTheme('organizational');
const ids = (query: string, filters: string[] = []) =>
  filterControls(organizational, query, new Set(filters), 'ja').map((control) => control.id);

describe('filterControls', () => {
  it('offers all 37 organizational controls without a query', () => {
    expect(ids('')).toHaveLength(37);
  });
  it('finds by number prefix', () => {
    expect(ids('5.12')).toEqual(['5.12']);
    expect(ids('5.1')).toContain('5.19');
  });
  it('finds by Japanese and English words', () => {
    expect(ids('分類')).toContain('5.12');
    expect(ids('classification')).toContain('5.12');
  });
  it('ANDs attributes and ORs values within one', () => {
    const preventive = ids('', [filterKey('control_type', 'Preventive')]);
    const either = ids('', [
      filterKey('control_type', 'Preventive'),
      filterKey('control_type', 'Corrective'),
    ]);
    const both = ids('', [
      filterKey('control_type', 'Preventive'),
      filterKey('concepts', 'Identify'),
    ]);
    expect(either.length).toBeGreaterThan(preventive.length);
    expect(both.length).toBeLessThan(preventive.length);
    expect(both.length).toBeGreaterThan(0);
  });
});
