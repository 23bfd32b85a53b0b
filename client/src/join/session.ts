import type { JoinResponse } from '@isms/shared';

/**
 * What this device remembers about joining: the display name, and per workshop the token and
 * where it leads. Stored in localStorage so a reload, or a phone that slept, lands back on the
 * board without asking again.
 */
export interface BoardSession {
  token: string;
  expiresAt: number;
  workshopId: string;
  groupId: string;
  groupName: string;
  workshopTitle: string;
  scenarioId: string;
  name: string;
}

const NAME_KEY = 'isms.displayName';
const LAST_KEY = 'isms.lastWorkshop';
const sessionKey = (workshopId: string) => `isms.session.${workshopId}`;

function read(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null;
  }
}

function write(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // Storage refused (private mode, quota): the session lasts for this page only.
  }
}

export function rememberedName(): string {
  return read(NAME_KEY) ?? '';
}

export function rememberName(name: string): void {
  write(NAME_KEY, name);
}

export function saveSession(response: JoinResponse, name: string): BoardSession {
  const session: BoardSession = {
    token: response.token,
    expiresAt: response.expiresAt,
    workshopId: response.workshopId,
    groupId: response.groupId,
    groupName: response.groupName,
    workshopTitle: response.workshopTitle,
    scenarioId: response.scenarioId,
    name,
  };
  write(sessionKey(response.workshopId), JSON.stringify(session));
  write(LAST_KEY, response.workshopId);
  return session;
}

function isSession(value: unknown): value is BoardSession {
  const session = value as BoardSession | null;
  return (
    !!session &&
    typeof session.token === 'string' &&
    typeof session.workshopId === 'string' &&
    typeof session.groupId === 'string' &&
    typeof session.expiresAt === 'number'
  );
}

/** The stored session of a workshop, unless missing or expired (expiresAt is epoch ms or s). */
export function loadSession(workshopId: string, now = Date.now()): BoardSession | null {
  const raw = read(sessionKey(workshopId));
  if (!raw) return null;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (!isSession(parsed)) return null;
    const expiresAtMs = parsed.expiresAt < 1e12 ? parsed.expiresAt * 1000 : parsed.expiresAt;
    return expiresAtMs > now ? parsed : null;
  } catch {
    return null;
  }
}

export function forgetSession(workshopId: string): void {
  write(sessionKey(workshopId), null);
}

export function lastSession(): BoardSession | null {
  const workshopId = read(LAST_KEY);
  return workshopId ? loadSession(workshopId) : null;
}
