import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets the server needs on first start (organiser key, token signing secret). An environment
 * value wins; otherwise the value is read from DATA_DIR or generated once and kept there with
 * mode 0600, so a restart keeps every link and token valid.
 */
export interface ResolvedSecret {
  value: string;
  /** True when this start generated it (main.ts then prints the organiser URL prominently). */
  generated: boolean;
}

/** 32 random bytes = 256 bits, base64url: unguessable, URL-safe in the organiser link. */
const SECRET_BYTES = 32;

export async function resolveSecret(
  dataDir: string,
  fileName: string,
  fromEnv: string | null,
): Promise<ResolvedSecret> {
  if (fromEnv) return { value: fromEnv, generated: false };
  const file = path.join(dataDir, fileName);
  try {
    const stored = (await readFile(file, 'utf8')).trim();
    if (stored) return { value: stored, generated: false };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(dataDir, { recursive: true });
  const value = randomBytes(SECRET_BYTES).toString('base64url');
  // 'wx' fails if another process created it meanwhile; then read theirs.
  try {
    await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return { value: (await readFile(file, 'utf8')).trim(), generated: false };
  }
  return { value, generated: true };
}
