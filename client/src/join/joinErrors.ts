import { ApiFailure, NETWORK_FAILURE_STATUS } from '../api/client';
import type { Translate } from '../i18n';

/** Seconds to wait after a 429 when the server sends no Retry-After. */
const DEFAULT_RETRY_SECONDS = 60;

/** Turns a failed join into a sentence a participant understands, in the current language. */
export function joinErrorMessage(error: unknown, t: Translate): string {
  if (!(error instanceof ApiFailure)) return t('join.error.unknown', { code: String(error) });
  if (error.status === NETWORK_FAILURE_STATUS) return t('join.error.network');
  if (error.status === 429) {
    return t('join.error.rateLimited', {
      seconds: error.retryAfterSeconds ?? DEFAULT_RETRY_SECONDS,
    });
  }
  if (error.code === 'archived' || error.code === 'workshop-archived') {
    return t('join.error.archived');
  }
  if ([400, 401, 403, 404, 410].includes(error.status)) return t('join.error.invalidCode');
  return t('join.error.unknown', { code: error.status || error.code });
}
