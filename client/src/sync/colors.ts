/**
 * Presence colours: 8 hues readable as a 3-px border and as white text on a filled circle
 * (contrast ≥ 4.5:1 against white), distinct for a group of 4–6 members.
 */
export const PRESENCE_COLORS = [
  '#1f6f78',
  '#b0452d',
  '#5b4fb3',
  '#2e7d32',
  '#a3376b',
  '#8a5a00',
  '#1565c0',
  '#6d4c41',
] as const;

/** A stable colour for a Yjs client id, so a member keeps it for the session. */
export function colorFor(clientId: number): string {
  return PRESENCE_COLORS[Math.abs(clientId) % PRESENCE_COLORS.length] as string;
}
