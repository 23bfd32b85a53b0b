import type { Awareness } from 'y-protocols/awareness';

/** What the instructor announces on every board it watches (participants show "講師"). */
export interface InstructorPresence {
  user: { name: string; role: 'instructor' | 'viewer'; color: string };
}

/**
 * Names of the people on a board, from awareness. Participants publish `{ user: { name } }`
 * (older clients `{ name }`); the instructor's own client and other instructors are left out.
 */
export function onlineMembers(awareness: Awareness): string[] {
  const names: string[] = [];
  awareness.getStates().forEach((state, clientId) => {
    if (clientId === awareness.clientID) return;
    const user = (state.user ?? state) as { name?: unknown; role?: unknown };
    if (user.role === 'instructor' || user.role === 'viewer') return;
    if (typeof user.name === 'string' && user.name.trim()) names.push(user.name.trim());
  });
  return names.sort((a, b) => a.localeCompare(b, 'ja'));
}
