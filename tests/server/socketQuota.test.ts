import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, boardDocName, workshopDocName, type Limits } from '@isms/shared';
import { openRaw, startTestServer, waitFor, type RawSocket, type TestServer } from './harness';

/**
 * maxSocketsPerToken / maxSocketsPerAddress (issue 11): beyond a cap the socket is closed with
 * 4009 tooManyConnections; a slot frees when a socket closes; the defaults fit a class of 40
 * behind one NAT with several tabs each.
 */
let harness: TestServer | null = null;
const sockets: RawSocket[] = [];
afterEach(async () => {
  for (const raw of sockets.splice(0)) raw.socket.terminate();
  await harness?.close();
  harness = null;
});

/** Opens a socket and waits until the server has spoken (accepted) or closed it (refused). */
async function open(
  docName: string,
  token: string,
): Promise<RawSocket & { refused: () => boolean }> {
  const raw = await openRaw(harness!.wsUrl, docName, token);
  sockets.push(raw);
  let closeCode: number | null = null;
  void raw.closed.then((close) => (closeCode = close.code));
  await waitFor(() => raw.received.length > 0 || closeCode !== null, 'accepted or refused');
  return { ...raw, refused: () => closeCode === CloseCode.tooManyConnections };
}

describe('sockets per token and per address', () => {
  it('caps sockets per token with 4009 and frees a slot on close', async () => {
    harness = await startTestServer({ limits: { maxSocketsPerToken: 3 } as Limits });
    const workshop = await harness.createWorkshop(1);
    const member = await harness.join(workshop.workshop.groups[0]!.code);
    const board = boardDocName(workshop.workshop.id, 'g1');
    const accepted = [];
    for (let i = 0; i < 3; i++) accepted.push(await open(board, member.token));
    expect(accepted.map((raw) => raw.refused())).toEqual([false, false, false]);
    const fourth = await open(board, member.token);
    expect((await fourth.closed).code).toBe(CloseCode.tooManyConnections);
    // Another token from the same address is not affected.
    const other = await harness.join(workshop.workshop.groups[0]!.code);
    expect((await open(board, other.token)).refused()).toBe(false);
    accepted[0]!.socket.close();
    await accepted[0]!.closed;
    await waitFor(async () => !(await open(board, member.token)).refused(), 'slot freed');
  });

  it('caps sockets per client address', async () => {
    harness = await startTestServer({ limits: { maxSocketsPerAddress: 4 } as Limits });
    const workshop = await harness.createWorkshop(2);
    const tokens = await Promise.all(
      workshop.workshop.groups.map(async (group) => (await harness!.join(group.code)).token),
    );
    const doc = workshopDocName(workshop.workshop.id);
    for (let i = 0; i < 4; i++) expect((await open(doc, tokens[i % 2]!)).refused()).toBe(false);
    expect((await (await open(doc, tokens[0]!)).closed).code).toBe(CloseCode.tooManyConnections);
  });

  it('the defaults fit 40 participants behind one NAT with 3 tabs each', async () => {
    harness = await startTestServer();
    const workshop = await harness.createWorkshop(8);
    const groups = workshop.workshop.groups;
    const members = await Promise.all(
      Array.from({ length: 40 }, (_, i) => harness!.join(groups[i % groups.length]!.code)),
    );
    const tabs = 3;
    const opened = await Promise.all(
      members.flatMap((member) =>
        Array.from({ length: tabs }, () => [
          open(boardDocName(member.workshopId, member.groupId), member.token),
          open(workshopDocName(member.workshopId), member.token),
        ]).flat(),
      ),
    );
    expect(opened).toHaveLength(40 * tabs * 2);
    expect(opened.filter((raw) => raw.refused())).toHaveLength(0);
  });
});
