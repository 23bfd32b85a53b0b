import pino, { type Logger } from 'pino';

/**
 * Structured logs. Nothing that carries a credential is ever logged: request URLs are logged
 * without their query string (tokens travel there), and the usual header/field names are
 * redacted as a second line of defence.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { service: 'isms-board' },
    redact: {
      paths: [
        'token',
        'key',
        'secret',
        'authorization',
        'headers.authorization',
        'req.headers.authorization',
        'req.headers.cookie',
        '*.token',
      ],
      censor: '[redacted]',
    },
  });
}

/** The path of a request URL without its query string or fragment (where tokens travel). */
export function safePath(url: string | undefined): string {
  if (!url) return '';
  const end = url.search(/[?#]/);
  return end === -1 ? url : url.slice(0, end);
}
