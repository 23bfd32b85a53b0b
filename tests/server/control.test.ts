import { describe, expect, it } from 'vitest';
import {
  CloseCode,
  DenyReason,
  SEMINAR4_SCENARIO,
  boardDocName,
  listPlacements,
  placeControl,
  readBoard,
  type GroupInfo,
  type WorkshopInfo,
} from '@isms/shared';
import {
  ORGANISER_KEY,
  connectClient,
  serverPerTest,
  startTestServer,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;

describe('instructor controls: lock, archive, rotate, revoke, delete', () => {
  let harness: TestServer;
  const clients = serverPerTest((server) => (harness = server));

  it('lock mirrors into board meta, denies participant writes, lets the instructor write; unlock restores', async () => {
    const created = await harness.createWorkshop(2);
    const { id } = created.workshop;
    const member = await harness.join(created.workshop.groups[0]!.code);
    const participant = connectClient(harness.wsUrl, boardDocName(id, 'g1'), member.token);
    const instructor = connectClient(
      harness.wsUrl,
      boardDocName(id, 'g1'),
      created.instructorToken,
    );
    clients.push(participant, instructor);
    await Promise.all([synced(participant), synced(instructor)]);
    const locked = await harness.api<WorkshopInfo>('POST', `/api/workshops/${id}/lock`, {
      token: created.instructorToken,
      body: { groupId: 'g1', locked: true },
    });
    expect(locked.status).toBe(200);
    expect(locked.body.groups.map((group) => group.locked)).toEqual([true, false]);
    await waitFor(() => readBoard(participant.doc).meta.locked, 'lock mirrored');
    // The client-side guard would refuse; a hostile client bypasses it.
    placeControl(
      participant.doc,
      { ...ctx, bypassLock: true },
      { assetId: asset, controlId: '5.1', placedBy: 'p' },
    );
    await waitFor(() => participant.denials.includes(DenyReason.locked), 'denied: locked');
    placeControl(
      instructor.doc,
      { ...ctx, bypassLock: true },
      { assetId: asset, controlId: '5.2', placedBy: 'i' },
    );
    await waitFor(
      () => listPlacements(participant.doc).some((p) => p.controlId === '5.2'),
      'instructor write',
    );
    expect(listPlacements(instructor.doc).map((p) => p.controlId)).toEqual(['5.2']);
    await harness.api('POST', `/api/workshops/${id}/lock`, {
      token: created.instructorToken,
      body: { groupId: null, locked: false },
    });
    await waitFor(() => !readBoard(participant.doc).meta.locked, 'unlock mirrored');
    placeControl(participant.doc, ctx, { assetId: asset, controlId: '5.3', placedBy: 'p' });
    await waitFor(
      () => listPlacements(instructor.doc).some((p) => p.controlId === '5.3'),
      'write after unlock',
    );
  });

  it('archiving makes everyone read-only', async () => {
    const created = await harness.createWorkshop(1);
    const { id } = created.workshop;
    const instructor = connectClient(
      harness.wsUrl,
      boardDocName(id, 'g1'),
      created.instructorToken,
    );
    clients.push(instructor);
    await synced(instructor);
    const reply = await harness.api<WorkshopInfo>('POST', `/api/workshops/${id}/status`, {
      token: created.instructorToken,
      body: { status: 'archived' },
    });
    expect(reply.body.status).toBe('archived');
    placeControl(instructor.doc, ctx, { assetId: asset, controlId: '5.1', placedBy: 'i' });
    await waitFor(() => instructor.denials.includes(DenyReason.archived), 'denied: archived');
  });

  it('rotating a code closes that group’s participant sockets within a second and refuses the old token', async () => {
    const created = await harness.createWorkshop(2);
    const { id } = created.workshop;
    const g1 = await harness.join(created.workshop.groups[0]!.code);
    const g2 = await harness.join(created.workshop.groups[1]!.code);
    const one = connectClient(harness.wsUrl, boardDocName(id, 'g1'), g1.token);
    const two = connectClient(harness.wsUrl, boardDocName(id, 'g2'), g2.token);
    clients.push(one, two);
    await Promise.all([synced(one), synced(two)]);
    const rotated = await harness.api<GroupInfo>(
      'POST',
      `/api/workshops/${id}/groups/g1/rotate-code`,
      {
        token: created.instructorToken,
      },
    );
    expect(rotated.status).toBe(200);
    expect(rotated.body.code).not.toBe(created.workshop.groups[0]!.code);
    await waitFor(
      () => one.closes.some((close) => close.code === CloseCode.tokenRevoked),
      'closed 4001',
      1_000,
    );
    expect(two.closes).toEqual([]);
    expect(await upgradeStatus(harness.wsUrl, boardDocName(id, 'g1'), g1.token)).toBe(401);
    const oldCode = await harness.api('POST', '/api/join', {
      body: { code: created.workshop.groups[0]!.code, name: 'x' },
    });
    expect(oldCode.status).toBe(404);
    const rejoined = await harness.join(rotated.body.code);
    expect(await upgradeStatus(harness.wsUrl, boardDocName(id, 'g1'), rejoined.token)).toBe(101);
  });

  it('revoking one token id closes its sockets and refuses it afterwards', async () => {
    const created = await harness.createWorkshop(1);
    const { id } = created.workshop;
    const member = await harness.join(created.workshop.groups[0]!.code);
    const jti = JSON.parse(Buffer.from(member.token.split('.')[1]!, 'base64url').toString())
      .jti as string;
    const client = connectClient(harness.wsUrl, boardDocName(id, 'g1'), member.token);
    clients.push(client);
    await synced(client);
    const reply = await harness.api('POST', `/api/workshops/${id}/revoke`, {
      token: created.instructorToken,
      body: { jti },
    });
    expect(reply.status).toBe(200);
    await waitFor(
      () => client.closes.some((close) => close.code === CloseCode.tokenRevoked),
      'closed 4001',
      1_000,
    );
    expect(await upgradeStatus(harness.wsUrl, boardDocName(id, 'g1'), member.token)).toBe(401);
  });

  it('deleting a workshop closes its sockets with workshopDeleted and removes its docs', async () => {
    const created = await harness.createWorkshop(1);
    const { id } = created.workshop;
    const client = connectClient(harness.wsUrl, boardDocName(id, 'g1'), created.instructorToken);
    clients.push(client);
    await synced(client);
    const reply = await harness.api('DELETE', `/api/workshops/${id}`, { token: ORGANISER_KEY });
    expect(reply.status).toBe(204);
    await waitFor(
      () => client.closes.some((close) => close.code === CloseCode.workshopDeleted),
      'closed 4010',
    );
    expect(await harness.server.backends.store.list(`${id}/`)).toEqual([]);
    expect(
      await upgradeStatus(harness.wsUrl, boardDocName(id, 'g1'), created.instructorToken),
    ).toBe(403);
  });
});

describe('a lock set while no room is loaded', () => {
  it('holds from the first write after the board loads (the room takes it from the registry)', async () => {
    const first = await startTestServer();
    const created = await first.createWorkshop(2);
    const { id } = created.workshop;
    const locked = await first.api<WorkshopInfo>('POST', `/api/workshops/${id}/lock`, {
      token: created.instructorToken,
      body: { groupId: 'g1', locked: true },
    });
    expect(locked.body.groups.map((group: GroupInfo) => group.locked)).toEqual([true, false]);
    const member = await first.join(created.workshop.groups[0]!.code);
    const other = await first.join(created.workshop.groups[1]!.code);
    // A restart on the same data: no room is loaded, the lock lives only in the registry (and
    // the board's meta mirror, which the server never trusts for authority).
    await first.server.close();
    const harness = await startTestServer({}, {}, first.dataDir);
    const clients: TestClient[] = [];
    try {
      const participant = connectClient(harness.wsUrl, boardDocName(id, 'g1'), member.token);
      const control = connectClient(harness.wsUrl, boardDocName(id, 'g2'), other.token);
      clients.push(participant, control);
      await Promise.all([synced(participant), synced(control)]);
      // A hostile client skips its own lock check; the unlocked group writes normally.
      placeControl(
        participant.doc,
        { ...ctx, bypassLock: true },
        { assetId: asset, controlId: '5.1', placedBy: 'p' },
      );
      placeControl(control.doc, ctx, { assetId: asset, controlId: '5.1', placedBy: 'q' });
      await waitFor(() => participant.denials.includes(DenyReason.locked), 'denied: locked');
      const instructor = connectClient(
        harness.wsUrl,
        boardDocName(id, 'g1'),
        created.instructorToken,
      );
      const reader = connectClient(harness.wsUrl, boardDocName(id, 'g2'), created.instructorToken);
      clients.push(instructor, reader);
      await waitFor(
        () => listPlacements(reader.doc).some((p) => p.controlId === '5.1'),
        'unlocked group write stored',
      );
      await synced(instructor);
      expect(listPlacements(instructor.doc)).toEqual([]);
      expect(control.denials).toEqual([]);
    } finally {
      for (const client of clients) client.destroy();
      await harness.close();
    }
  });
});
