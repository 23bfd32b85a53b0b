import { afterEach, describe, expect, it } from 'vitest';
import type { CreateWorkshopResponse } from '@isms/shared';
import { startTestServer, type TestServer } from './harness';
import { ForwardingProxy, TEST_PEER_HEADER } from './forwardingProxy';
import type { Limits } from '@isms/shared';

/**
 * Issue 11: a class of 40 joins at once from one address (a venue NAT, or every participant
 * behind the reverse proxy), while guessing join codes stays expensive — only failures count,
 * per client address and server-wide; X-Forwarded-For is believed only from TRUST_PROXY hops.
 */
const CLASS_SIZE = 40;
/** The target: the whole class is in within 10 s. */
const CLASS_JOIN_BUDGET_MS = 10_000;
const WRONG_CODE = 'ZZZZ-ZZZZ';

let harness: TestServer | null = null;
let proxy: ForwardingProxy | null = null;
afterEach(async () => {
  await proxy?.close();
  await harness?.close();
  proxy = null;
  harness = null;
});

async function postJoin(
  base: string,
  code: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; retryAfter: string | null }> {
  const response = await fetch(`${base}/api/join`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ code, name: '参加者' }),
  });
  await response.arrayBuffer();
  return { status: response.status, retryAfter: response.headers.get('retry-after') };
}

/** 40 joins at once; every one must succeed within the budget. */
async function joinClass(base: string, workshop: CreateWorkshopResponse, peer?: string) {
  const started = Date.now();
  const headers: Record<string, string> = peer ? { [TEST_PEER_HEADER]: peer } : {};
  const replies = await Promise.all(
    Array.from({ length: CLASS_SIZE }, (_, i) =>
      postJoin(base, workshop.workshop.groups[i % workshop.workshop.groups.length]!.code, headers),
    ),
  );
  expect(replies.map((reply) => reply.status)).toEqual(replies.map(() => 200));
  expect(Date.now() - started).toBeLessThan(CLASS_JOIN_BUDGET_MS);
}

async function start(limits: Partial<Limits> = {}, trustProxy: string[] = []) {
  harness = await startTestServer({ limits: limits as Limits, trustProxy });
  proxy = await ForwardingProxy.start(harness.server.port);
  return { harness, proxy, workshop: await harness.createWorkshop(8) };
}

describe('joining from one address', () => {
  it('40 participants join at once directly; successes are not counted', async () => {
    const { harness: server, workshop } = await start();
    await joinClass(server.server.url, workshop);
    // The address's failure budget is untouched by the 40 successes: 20 wrong codes are 404.
    for (let i = 0; i < 20; i++)
      expect((await postJoin(server.server.url, WRONG_CODE)).status).toBe(404);
    const limited = await postJoin(server.server.url, workshop.workshop.groups[0]!.code);
    expect(limited.status).toBe(429);
    expect(Number(limited.retryAfter)).toBeGreaterThan(0);
  });

  it('40 participants join at once through a trusted reverse proxy', async () => {
    const { proxy: front, workshop } = await start({}, ['loopback']);
    await joinClass(front.url, workshop, '198.51.100.7');
  });

  it('counts failures per forwarded client behind TRUST_PROXY; a forged X-Forwarded-For gains nothing', async () => {
    const { proxy: front, workshop } = await start({ joinFailuresPerAddress: 3 }, ['loopback']);
    const attacker = { [TEST_PEER_HEADER]: '198.51.100.7' };
    for (let i = 0; i < 3; i++)
      expect((await postJoin(front.url, WRONG_CODE, attacker)).status).toBe(404);
    expect((await postJoin(front.url, WRONG_CODE, attacker)).status).toBe(429);
    // Claiming to be someone else: the proxy appends the real peer, the walk stops there.
    const forged = { ...attacker, 'x-forwarded-for': '203.0.113.9' };
    expect((await postJoin(front.url, WRONG_CODE, forged)).status).toBe(429);
    // Another participant behind the same proxy is not affected.
    const other = { [TEST_PEER_HEADER]: '203.0.113.9' };
    expect((await postJoin(front.url, workshop.workshop.groups[0]!.code, other)).status).toBe(200);
    expect((await postJoin(front.url, WRONG_CODE, other)).status).toBe(404);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY (the proxy itself is the client)', async () => {
    const { proxy: front } = await start({ joinFailuresPerAddress: 2 });
    const peers = ['198.51.100.1', '198.51.100.2', '198.51.100.3'];
    const statuses = [];
    for (const peer of peers)
      statuses.push((await postJoin(front.url, WRONG_CODE, { [TEST_PEER_HEADER]: peer })).status);
    expect(statuses).toEqual([404, 404, 429]);
  });

  it('concurrent guesses from one address cannot outrun the count', async () => {
    const { harness: server } = await start({ joinFailuresPerAddress: 5 });
    const replies = await Promise.all(
      Array.from({ length: 30 }, () => postJoin(server.server.url, WRONG_CODE)),
    );
    const statuses = replies.map((reply) => reply.status);
    expect(statuses.filter((status) => status === 404)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(25);
  });

  it('a server-wide failure budget caps many addresses; addresses that joined stay exempt', async () => {
    const { proxy: front, workshop } = await start(
      { joinFailuresPerAddress: 100, joinFailuresServerWide: 4 },
      ['loopback'],
    );
    const venue = { [TEST_PEER_HEADER]: '192.0.2.10' };
    expect((await postJoin(front.url, workshop.workshop.groups[0]!.code, venue)).status).toBe(200);
    for (let i = 0; i < 4; i++) {
      const bot = { [TEST_PEER_HEADER]: `203.0.113.${i + 1}` };
      expect((await postJoin(front.url, WRONG_CODE, bot)).status).toBe(404);
    }
    const fresh = { [TEST_PEER_HEADER]: '203.0.113.99' };
    expect((await postJoin(front.url, WRONG_CODE, fresh)).status).toBe(429);
    expect((await postJoin(front.url, workshop.workshop.groups[0]!.code, fresh)).status).toBe(429);
    // The venue whose class is already in keeps joining.
    expect((await postJoin(front.url, workshop.workshop.groups[1]!.code, venue)).status).toBe(200);
  });
});
