/**
 * Where the organiser key and instructor tokens live in the browser. The organiser key
 * arrives once in the URL fragment (#key=…, never sent to a server or written to a log) and
 * stays in localStorage; instructor tokens are per workshop in sessionStorage so a closed tab
 * does not leave a workshop open on a shared laptop.
 */
const ORGANISER_KEY = 'isms.organiserKey';
const instructorKey = (workshopId: string) => `isms.instructorToken.${workshopId}`;

function storage(kind: 'local' | 'session'): Storage | null {
  try {
    return kind === 'local' ? globalThis.localStorage : globalThis.sessionStorage;
  } catch {
    return null;
  }
}

/** Takes `name` out of the fragment or query and removes it from the address bar. */
export function takeFromUrl(name: string): string | null {
  const url = new URL(window.location.href);
  const fragment = new URLSearchParams(url.hash.replace(/^#/, ''));
  const value = fragment.get(name) ?? url.searchParams.get(name);
  if (value === null) return null;
  fragment.delete(name);
  url.searchParams.delete(name);
  const hash = fragment.toString();
  window.history.replaceState(null, '', url.pathname + url.search + (hash ? `#${hash}` : ''));
  return value;
}

export function organiserKey(): string | null {
  const fromUrl = takeFromUrl('key');
  if (fromUrl) storage('local')?.setItem(ORGANISER_KEY, fromUrl);
  return fromUrl ?? storage('local')?.getItem(ORGANISER_KEY) ?? null;
}

export function forgetOrganiserKey(): void {
  storage('local')?.removeItem(ORGANISER_KEY);
}

export function storedInstructorToken(workshopId: string): string | null {
  const fromUrl = takeFromUrl('token');
  if (fromUrl) storage('session')?.setItem(instructorKey(workshopId), fromUrl);
  return fromUrl ?? storage('session')?.getItem(instructorKey(workshopId)) ?? null;
}

export function forgetInstructorToken(workshopId: string): void {
  storage('session')?.removeItem(instructorKey(workshopId));
}

export function storeInstructorToken(workshopId: string, token: string): void {
  storage('session')?.setItem(instructorKey(workshopId), token);
}
