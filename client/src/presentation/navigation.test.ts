import { describe, expect, it } from 'vitest';
import type { PresentationState } from '@isms/shared';
import { applyStep, stepForKey } from './navigation';

const groups = ['g1', 'g2', 'g3'];
const slide = (groupId: string, assetIndex: number): PresentationState => ({
  groupId,
  assetIndex,
  compareGroupId: null,
});

describe('presentation navigation', () => {
  it('maps clicker and keyboard keys to steps', () => {
    expect(stepForKey('PageDown', false)).toBe('next');
    expect(stepForKey('PageUp', false)).toBe('previous');
    expect(stepForKey(' ', false)).toBe('next');
    expect(stepForKey(' ', true)).toBe('previous');
    expect(stepForKey('ArrowDown', false)).toBe('next-group');
    expect(stepForKey('x', false)).toBeNull();
  });

  it('steps through the assets, then on to the next group', () => {
    expect(applyStep(slide('g1', 0), 'next', groups, 8)).toEqual(slide('g1', 1));
    expect(applyStep(slide('g1', 7), 'next', groups, 8)).toEqual(slide('g2', 0));
    expect(applyStep(slide('g2', 0), 'previous', groups, 8)).toEqual(slide('g1', 7));
  });

  it('stops at both ends instead of wrapping around', () => {
    expect(applyStep(slide('g1', 0), 'previous', groups, 8)).toEqual(slide('g1', 0));
    expect(applyStep(slide('g3', 7), 'next', groups, 8)).toEqual(slide('g3', 7));
  });

  it('jumps between groups keeping the asset, and toggles a comparison group', () => {
    expect(applyStep(slide('g1', 3), 'next-group', groups, 8)).toEqual(slide('g2', 3));
    expect(applyStep(slide('g1', 3), 'previous-group', groups, 8)).toEqual(slide('g3', 3));
    const compared = applyStep(slide('g2', 3), 'compare', groups, 8);
    expect(compared.compareGroupId).toBe('g3');
    expect(applyStep(compared, 'compare', groups, 8).compareGroupId).toBeNull();
  });
});
