import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BODY_LIMITS, type ApiError, type Limits } from '@isms/shared';
import { ORGANISER_KEY, startTestServer, type TestServer } from './harness';

/**
 * Issue 11, inputs: restore checks unique group ids and the document size cap; public routes
 * take small bodies (413 without reading the rest); dates are real; names and titles are
 * trimmed, and control characters, bidi overrides and invisible-only text are refused.
 */
let harness: TestServer | null = null;
afterEach(async () => {
  await harness?.close();
  harness = null;
});

type Backup = {
  workshop: { title: string; date: string; groups: { id: string; name: string }[] };
  docs: Record<string, string>;
};

async function backupOf(server: TestServer): Promise<Backup> {
  const created = await server.createWorkshop(2);
  const reply = await server.api<Backup>(
    'GET',
    `/api/workshops/${created.workshop.id}/export/backup.json`,
    { token: created.instructorToken },
  );
  expect(reply.status).toBe(200);
  return reply.body;
}

const restore = (server: TestServer, body: unknown) =>
  server.api<ApiError>('POST', '/api/workshops/restore', { token: ORGANISER_KEY, body });

/** Sends headers and a first chunk, then waits for the answer without sending the rest. */
function partialPost(
  port: number,
  headers: Record<string, string>,
  firstChunk: Buffer,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path: '/api/join', headers });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode!);
      req.destroy();
    });
    req.on('error', (error) => {
      // The server may close the socket right after answering.
      if (!(error as NodeJS.ErrnoException).code?.startsWith('EPIPE')) reject(error);
    });
    req.write(firstChunk);
  });
}

describe('restore', () => {
  it('refuses duplicate group ids with a clear message', async () => {
    harness = await startTestServer();
    const backup = await backupOf(harness);
    backup.workshop.groups = [backup.workshop.groups[0]!, { ...backup.workshop.groups[0]! }];
    const reply = await restore(harness, backup);
    expect(reply.status).toBe(400);
    expect(reply.body.error.message).toContain('group ids must be unique');
  });

  it('refuses a document over the size cap before writing anything', async () => {
    const maxDocumentBytes = 64 * 1024;
    harness = await startTestServer({ limits: { maxDocumentBytes } as Limits });
    const backup = await backupOf(harness);
    const big = new Y.Doc();
    big.getText('padding').insert(0, 'x'.repeat(maxDocumentBytes + 1024));
    backup.docs.g2 = Buffer.from(Y.encodeStateAsUpdate(big)).toString('base64');
    const before = await harness.server.backends.store.list('');
    const reply = await restore(harness, backup);
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid-backup');
    expect(reply.body.error.message).toMatch(/"g2" is \d+ bytes, over the 65536-byte cap/);
    expect(await harness.server.backends.store.list('')).toEqual(before);
  });

  it('refuses a bidi title, an invisible group name and an impossible date', async () => {
    harness = await startTestServer();
    const backup = await backupOf(harness);
    const cases: [string, (copy: Backup) => void][] = [
      ['title: bidi', (copy) => (copy.workshop.title = 'ISMS\u202Egnp.exe')],
      ['name: invisible', (copy) => (copy.workshop.groups[0]!.name = '\u200B\u3164')],
      ['date: invalid-date', (copy) => (copy.workshop.date = '2026-02-30')],
    ];
    for (const [expected, mutate] of cases) {
      const copy = structuredClone(backup);
      mutate(copy);
      const reply = await restore(harness, copy);
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toContain(expected);
    }
    expect((await restore(harness, backup)).status).toBe(201);
  });
});

describe('bodies and text', () => {
  it('answers 413 from Content-Length without reading a 10 MB join body', async () => {
    harness = await startTestServer();
    const status = await partialPost(
      harness.server.port,
      { 'content-type': 'application/json', 'content-length': String(10 * 1024 * 1024) },
      Buffer.from('{"code":"'),
    );
    expect(status).toBe(413);
  });

  it('answers 413 once a chunked body passes the small limit', async () => {
    harness = await startTestServer();
    const status = await partialPost(
      harness.server.port,
      { 'content-type': 'application/json', 'transfer-encoding': 'chunked' },
      Buffer.alloc(BODY_LIMITS.small + 1, 0x20),
    );
    expect(status).toBe(413);
  });

  it('trims names, refuses control characters, bidi overrides and invisible names', async () => {
    harness = await startTestServer();
    const created = await harness.createWorkshop(1);
    const code = created.workshop.groups[0]!.code;
    const joined = await harness.join(code, '\u3000 さくら \t');
    const claims = JSON.parse(Buffer.from(joined.token.split('.')[1]!, 'base64url').toString()) as {
      name: string;
    };
    expect(claims.name).toBe('さくら');
    for (const [name, reason] of [
      ['\u200B\u200D', 'invisible'],
      ['adm\u202Enim', 'bidi'],
      ['two\nlines', 'control'],
    ]) {
      const reply = await harness.api<ApiError>('POST', '/api/join', { body: { code, name } });
      expect(reply.status).toBe(400);
      expect(reply.body.error.message).toBe(`name: ${reason}`);
    }
  });

  it('refuses impossible dates and invisible titles when creating a workshop', async () => {
    harness = await startTestServer();
    const create = (title: string, date: string) =>
      harness!.api<ApiError>('POST', '/api/workshops', {
        token: ORGANISER_KEY,
        body: { title, date, scenarioId: 'seminar4-organizational' },
      });
    expect((await create('第4回', '2026-99-99')).body.error.message).toBe('date: invalid-date');
    expect((await create('\uFEFF\u2060', '2026-11-26')).body.error.message).toBe(
      'title: invisible',
    );
    expect((await create(' 第4回 ', '2026-11-26')).status).toBe(201);
  });
});
