import { z } from 'zod';

/**
 * The one validator for text people type that others then see: display names, workshop
 * titles, group names. Server (request schemas, restore) and client (join and create forms)
 * use it, so a form shows the same verdict the server will give.
 *
 * The value is trimmed (also U+3000, the ideographic space of a Japanese IME) and NFC-normalised
 * (the same name typed on a Mac and on Windows compares equal). Refused, each with its reason:
 *   - `control`: C0/C1 control characters and lone surrogates — a name is one line of text;
 *   - `bidi`: bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069),
 *     which can make a name display as something else ("Trojan Source");
 *   - `invisible`: nothing visible left once spaces, format characters (zero-width space, ZWJ,
 *     BOM…), combining marks and blank look-alikes (Hangul filler, braille blank) are removed;
 *   - `empty` / `too-long` (in UTF-16 code units, as the database and the UI count).
 */
export const TEXT_REJECTIONS = ['empty', 'too-long', 'control', 'bidi', 'invisible'] as const;
export type TextRejection = (typeof TEXT_REJECTIONS)[number];

export type TextCheck = { ok: true; value: string } | { ok: false; reason: TextRejection };

const CONTROL = /[\p{Cc}\p{Cs}]/u;
const BIDI = /[\u202A-\u202E\u2066-\u2069]/u;
/** What renders as nothing: whitespace, format (Cf), combining marks, blank look-alikes. */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u2800\u3164\uFFA0]/gu;

/** Longest display name (a Japanese full name plus a company fits in 40). */
export const MAX_NAME_LENGTH = 40;
/** Longest workshop title (a programme name, a session and a date fit in 200). */
export const MAX_TITLE_LENGTH = 200;
/** Longest group name. */
export const MAX_GROUP_NAME_LENGTH = 100;

export function checkDisplayText(raw: string, maxLength: number): TextCheck {
  const value = raw.normalize('NFC').trim();
  if (CONTROL.test(value)) return { ok: false, reason: 'control' };
  if (BIDI.test(value)) return { ok: false, reason: 'bidi' };
  if (value.length === 0) return { ok: false, reason: 'empty' };
  if (value.replace(INVISIBLE, '').length === 0) return { ok: false, reason: 'invisible' };
  if (value.length > maxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, value };
}

/**
 * A zod schema applying `checkDisplayText`; the issue message is the reason code, so the API's
 * 400 says e.g. "name: bidi" and a client can translate it.
 */
export function displayText(maxLength: number) {
  return z.string().transform((raw, context) => {
    const checked = checkDisplayText(raw, maxLength);
    if (checked.ok) return checked.value;
    context.addIssue({ code: 'custom', message: checked.reason });
    return z.NEVER;
  });
}

/** A real calendar date, YYYY-MM-DD ("2026-02-30" and "2026-99-99" are refused). */
export function isCalendarDate(value: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}

export const calendarDate = z.string().refine(isCalendarDate, { message: 'invalid-date' });
