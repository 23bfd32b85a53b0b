/** Commands return a typed result instead of throwing on user mistakes. */
export type CommandErrorCode =
  | 'locked'
  /** The board was migrated by a newer server than this code knows (a stale client). */
  | 'newer-schema'
  | 'unknown-asset'
  | 'unknown-control'
  | 'control-not-in-theme'
  | 'duplicate'
  | 'lane-full'
  | 'not-found'
  | 'self-link'
  | 'invalid-input';

export interface CommandError {
  ok: false;
  code: CommandErrorCode;
  message: string;
}

/** Warnings do not stop a command; the UI shows them (e.g. a lane over its 3-control guidance). */
export type CommandWarning = 'over-limit';

export interface CommandSuccess<T> {
  ok: true;
  value: T;
  warnings: CommandWarning[];
}

export type CommandResult<T = undefined> = CommandSuccess<T> | CommandError;

export function fail(code: CommandErrorCode, message: string): CommandError {
  return { ok: false, code, message };
}

export function ok(): CommandSuccess<undefined>;
export function ok<T>(value: T, warnings?: CommandWarning[]): CommandSuccess<T>;
export function ok<T>(value?: T, warnings: CommandWarning[] = []): CommandSuccess<T | undefined> {
  return { ok: true, value, warnings };
}
