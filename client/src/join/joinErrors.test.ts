import { describe, expect, it } from 'vitest';
import { ApiFailure, NETWORK_FAILURE_STATUS } from '../api/client';
import { translate } from '../i18n';
import { joinErrorMessage } from './joinErrors';

const ja = (key: Parameters<typeof translate>[1], params?: Record<string, string | number>) =>
  translate('ja', key, params);

describe('joinErrorMessage', () => {
  it('explains an unknown or expired code', () => {
    const error = new ApiFailure(404, 'unknown-code', 'no group has this join code');
    expect(joinErrorMessage(error, ja)).toBe(ja('join.error.invalidCode'));
  });
  it('gives the wait from Retry-After on 429', () => {
    const error = new ApiFailure(429, 'rate-limited', 'slow down', 42);
    expect(joinErrorMessage(error, ja)).toContain('42秒後');
  });
  it('tells an offline participant to check the network', () => {
    const error = new ApiFailure(NETWORK_FAILURE_STATUS, 'network', 'TypeError');
    expect(joinErrorMessage(error, ja)).toBe(ja('join.error.network'));
  });
  it('never shows an untranslated server message', () => {
    const error = new ApiFailure(503, 'unavailable', 'store down');
    expect(joinErrorMessage(error, ja)).not.toContain('store down');
  });
});
