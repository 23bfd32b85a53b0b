import { describe, expect, it } from 'vitest';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@isms/shared';
import { formatJoinCode, generateJoinCode, normaliseJoinCode, uniqueJoinCode } from './joinCodes';

describe('join codes', () => {
  it('uses only the unambiguous alphabet and the configured length', () => {
    for (let index = 0; index < 500; index += 1) {
      const code = generateJoinCode();
      expect(code).toHaveLength(JOIN_CODE_LENGTH);
      for (const letter of code) expect(JOIN_CODE_ALPHABET).toContain(letter);
      expect(code).not.toMatch(/[01OIl]/);
    }
  });

  it('draws every letter of the alphabet (no stuck positions)', () => {
    const seen = new Set<string>();
    for (let index = 0; index < 500; index += 1)
      for (const letter of generateJoinCode()) seen.add(letter);
    expect(seen.size).toBe(JOIN_CODE_ALPHABET.length);
  });

  it('normalises what people type and round-trips the display form', () => {
    expect(normaliseJoinCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(normaliseJoinCode(formatJoinCode('ABCDEFGH'))).toBe('ABCDEFGH');
  });

  it('skips codes that are taken', () => {
    const taken = new Set<string>();
    let calls = 0;
    const code = uniqueJoinCode((candidate) => {
      calls += 1;
      if (calls < 3) {
        taken.add(candidate);
        return true;
      }
      return taken.has(candidate);
    });
    expect(taken.has(code)).toBe(false);
    expect(calls).toBeGreaterThanOrEqual(3);
  });
});
