import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '@isms/shared';

/** JSON responses and the one error shape of the API: `{ error: { code, message } }`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    'content-length': Buffer.byteLength(payload),
    ...headers,
  });
  res.end(payload);
}

export function sendError(res: ServerResponse, error: HttpError): void {
  const body: ApiError = { error: { code: error.code, message: error.message } };
  sendJson(res, error.status, body, error.headers);
}

/** Largest accepted JSON body, bytes. 16 MiB fits a backup of 30 boards at the doc size cap/…
 *  in practice backups are < 1 MiB; everything else is < 1 KiB. */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

export async function readJson(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new HttpError(413, 'body-too-large', `body exceeds ${limit} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (size === 0) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'invalid-json', 'body is not valid JSON');
  }
}
