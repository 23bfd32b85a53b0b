import { describe, expect, it } from 'vitest';
import { CloseCode, RETRYABLE_CLOSE_CODES } from '@isms/shared';
import { isTerminalClose, terminalReason } from './closeCodes';

describe('close codes', () => {
  it('never treats a retryable code as terminal', () => {
    for (const code of RETRYABLE_CLOSE_CODES) expect(isTerminalClose(code)).toBe(false);
  });
  it('retries network drops and rate limiting', () => {
    expect(isTerminalClose(1006)).toBe(false);
    expect(isTerminalClose(CloseCode.rateLimited)).toBe(false);
  });
  it('stops on revocation and expiry with a reason the UI can translate', () => {
    expect(terminalReason(CloseCode.tokenRevoked)).toBe('revoked');
    expect(terminalReason(CloseCode.tokenExpired)).toBe('expired');
    expect(terminalReason(CloseCode.workshopDeleted)).toBe('deleted');
  });
});
