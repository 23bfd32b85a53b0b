import { randomInt } from 'node:crypto';
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@isms/shared';

/**
 * Join codes: JOIN_CODE_LENGTH characters drawn uniformly (crypto randomInt, no modulo bias)
 * from an alphabet without look-alikes. 31^8 ≈ 8.5·10^11 codes: at the join rate limit
 * (20/min per address) guessing one of 30 live codes takes ~10^9 minutes per address.
 */
export function generateJoinCode(): string {
  let code = '';
  for (let index = 0; index < JOIN_CODE_LENGTH; index += 1) {
    code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  }
  return code;
}

/** Upper case, without the spaces and dashes people type when a code is read aloud. */
export function normaliseJoinCode(input: string): string {
  return input.toUpperCase().replace(/[\s-]/g, '');
}

/** Codes are displayed in two halves ("ABCD-EFGH") so they are easy to read aloud. */
export function formatJoinCode(code: string): string {
  return code.length === 8 ? `${code.slice(0, 4)}-${code.slice(4)}` : code;
}

/** A code unique among `taken` (collisions are ~10^-11 per draw; retry is for correctness). */
export function uniqueJoinCode(taken: (code: string) => boolean): string {
  for (;;) {
    const code = generateJoinCode();
    if (!taken(code)) return code;
  }
}
