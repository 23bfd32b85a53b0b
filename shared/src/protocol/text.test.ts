import { describe, expect, it } from 'vitest';
import { checkDisplayText, displayText, isCalendarDate } from './text';

describe('display text', () => {
  it('trims (also the ideographic space) and normalises to NFC', () => {
    expect(checkDisplayText('\u3000 さくら \t', 40)).toEqual({ ok: true, value: 'さくら' });
    expect(checkDisplayText('Cafe\u0301', 40)).toEqual({ ok: true, value: 'Café' });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['\u200B\u200B', 'invisible'],
    ['\u200D\uFEFF\u2060', 'invisible'],
    ['\u3164', 'invisible'],
    ['\u2800\u00AD', 'invisible'],
    ['\u0301', 'invisible'],
    ['abc\u202Efdp.exe', 'bidi'],
    ['\u2066name\u2069', 'bidi'],
    ['line\nbreak', 'control'],
    ['bell\u0007', 'control'],
    ['c1\u0085x', 'control'],
    ['lone\uD800', 'control'],
    ['あ'.repeat(41), 'too-long'],
  ])('refuses %j as %s', (raw, reason) => {
    expect(checkDisplayText(raw, 40)).toEqual({ ok: false, reason });
  });

  it('keeps names with joiners that render (emoji sequences, Arabic, Devanagari)', () => {
    for (const name of ['👩‍💻 まり', 'هبة', 'क्षत्रिय', 'ISMS 第4回']) {
      expect(checkDisplayText(name, 40)).toEqual({ ok: true, value: name });
    }
  });

  it('as a zod schema: the reason is the issue message', () => {
    const schema = displayText(40);
    expect(schema.parse(' 田中 ')).toBe('田中');
    const result = schema.safeParse('\u202Eevil');
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toBe('bidi');
  });
});

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2026-11-26')).toBe(true);
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of [
      '2026-99-99',
      '2026-02-30',
      '2027-02-29',
      '2026-13-01',
      '2026-00-10',
      '26-1-1',
      '2026-11-26T00:00',
    ])
      expect(isCalendarDate(bad), bad).toBe(false);
  });
});
