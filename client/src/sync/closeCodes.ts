import { CloseCode } from '@isms/shared';

/**
 * Why a connection ended for good. Everything else (network drops, server restarts, 1011,
 * 1013, 4004, 4005, 4008 rate limiting) is retried with backoff by the provider.
 */
export type TerminalReason = 'revoked' | 'expired' | 'deleted' | 'forbidden' | 'tooLarge';

const TERMINAL: ReadonlyMap<number, TerminalReason> = new Map([
  [CloseCode.tokenRevoked, 'revoked'],
  [CloseCode.tokenExpired, 'expired'],
  [CloseCode.workshopDeleted, 'deleted'],
  [CloseCode.documentTooLarge, 'tooLarge'],
  [CloseCode.policyViolation, 'forbidden'],
]);

export function terminalReason(code: number): TerminalReason | null {
  return TERMINAL.get(code) ?? null;
}

/** True when reconnecting with the same token is pointless. */
export function isTerminalClose(code: number): boolean {
  return TERMINAL.has(code);
}
