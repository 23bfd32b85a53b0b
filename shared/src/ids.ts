/**
 * Short random ids for placements, links and feedback. Uses getRandomValues, which (unlike
 * crypto.randomUUID) also exists on plain-http venue LANs, where pages are not a secure context.
 * 16 characters of base-32 = 80 bits: collisions are not a concern within one board.
 */
const ALPHABET = 'abcdefghijkmnpqrstuvwxyz23456789';

export function newId(length = 16): string {
  const bytes = new Uint8Array(length);
  globalThis.crypto.getRandomValues(bytes);
  let id = '';
  for (const byte of bytes) id += ALPHABET[byte % ALPHABET.length];
  return id;
}
