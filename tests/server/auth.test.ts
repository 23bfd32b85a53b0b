import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import {
  CloseCode,
  DenyReason,
  SEMINAR4_SCENARIO,
  boardDocName,
  listPlacements,
  placeControl,
  addFeedback,
  readBoard,
  setLocked,
  workshopDocName,
  writeTimer,
  initialTimer,
  readWorkshopDoc,
  type CreateWorkshopResponse,
} from '@isms/shared';
import {
  connectClient,
  startTestServer,
  synced,
  upgradeStatus,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;

/**
 * The auth matrix: every role × own/other group × other workshop × read/write, plus expired,
 * forged and revoked tokens. Upgrades are refused with HTTP 401/403; read-only writes are not
 * applied, and the doc stays unchanged for everyone.
 */
describe('auth matrix', () => {
  let harness: TestServer;
  let one: CreateWorkshopResponse;
  let two: CreateWorkshopResponse;
  let tokens: { participant: string; instructor: string; viewer: string; otherInstructor: string };

  beforeAll(async () => {
    harness = await startTestServer();
    one = await harness.createWorkshop(2);
    two = await harness.createWorkshop(1);
    const joined = await harness.join(one.workshop.groups[0]!.code);
    tokens = {
      participant: joined.token,
      instructor: one.instructorToken,
      viewer: await harness.viewerToken(one.workshop.id, one.instructorToken),
      otherInstructor: two.instructorToken,
    };
  });
  afterAll(async () => harness.close());

  const docs = () => ({
    ownBoard: boardDocName(one.workshop.id, 'g1'),
    otherBoard: boardDocName(one.workshop.id, 'g2'),
    workshopDoc: workshopDocName(one.workshop.id),
    otherWorkshopBoard: boardDocName(two.workshop.id, 'g1'),
    missingGroup: boardDocName(one.workshop.id, 'g9'),
  });

  it.each([
    ['participant', 'ownBoard', 101],
    ['participant', 'otherBoard', 403],
    ['participant', 'workshopDoc', 101],
    ['participant', 'otherWorkshopBoard', 403],
    ['instructor', 'ownBoard', 101],
    ['instructor', 'otherBoard', 101],
    ['instructor', 'workshopDoc', 101],
    ['instructor', 'otherWorkshopBoard', 403],
    ['instructor', 'missingGroup', 403],
    ['viewer', 'ownBoard', 101],
    ['viewer', 'otherBoard', 101],
    ['viewer', 'otherWorkshopBoard', 403],
    ['otherInstructor', 'ownBoard', 403],
  ] as const)('%s → %s: HTTP %i', async (role, doc, status) => {
    expect(await upgradeStatus(harness.wsUrl, docs()[doc], tokens[role])).toBe(status);
  });

  it('refuses missing, garbage, forged and expired tokens with 401, and bad doc names with 400', async () => {
    const { ownBoard } = docs();
    expect(await upgradeStatus(harness.wsUrl, ownBoard, '')).toBe(401);
    expect(await upgradeStatus(harness.wsUrl, ownBoard, 'garbage')).toBe(401);
    const claims = {
      workshop: one.workshop.id,
      group: 'g1',
      role: 'instructor',
      name: 'x',
      gen: 0,
      jti: 'forged',
    };
    const forged = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('not-the-secret'));
    expect(await upgradeStatus(harness.wsUrl, ownBoard, forged)).toBe(401);
    // Expired: a token signed with the real secret but an exp in the past.
    const { readFile } = await import('node:fs/promises');
    const secret = (await readFile(`${harness.dataDir}/token-secret`, 'utf8')).trim();
    const expired = await new SignJWT({
      ...claims,
      jti: 'expired',
      exp: Math.floor(Date.now() / 1000) - 60,
    })
      .setProtectedHeader({ alg: 'HS256' })
      .sign(new TextEncoder().encode(secret));
    expect(await upgradeStatus(harness.wsUrl, ownBoard, expired)).toBe(401);
    expect(await upgradeStatus(harness.wsUrl, `${one.workshop.id}/../etc`, tokens.instructor)).toBe(
      400,
    );
    expect(await upgradeStatus(harness.wsUrl, 'UPPER/g1', tokens.instructor)).toBe(400);
    expect(await upgradeStatus(harness.wsUrl, `${one.workshop.id}/g1/x`, tokens.instructor)).toBe(
      400,
    );
  });

  it('read-only writes (viewer on a board, participant on the workshop doc) are denied and not applied', async () => {
    const { ownBoard, workshopDoc } = docs();
    const clients: TestClient[] = [];
    try {
      const instructor = connectClient(harness.wsUrl, ownBoard, tokens.instructor);
      const viewer = connectClient(harness.wsUrl, ownBoard, tokens.viewer);
      const participantOnWorkshop = connectClient(harness.wsUrl, workshopDoc, tokens.participant);
      const instructorOnWorkshop = connectClient(harness.wsUrl, workshopDoc, tokens.instructor);
      clients.push(instructor, viewer, participantOnWorkshop, instructorOnWorkshop);
      await Promise.all(clients.map((client) => synced(client)));
      // Nothing written yet: connecting alone (empty sync step 2) is never denied.
      expect(viewer.denials).toEqual([]);
      placeControl(viewer.doc, ctx, { assetId: asset, controlId: '5.1', placedBy: 'viewer' });
      writeTimer(participantOnWorkshop.doc, { ...initialTimer([]), running: true, endsAt: 1 });
      await waitFor(() => viewer.denials.length > 0, 'viewer denied');
      await waitFor(() => participantOnWorkshop.denials.length > 0, 'participant denied');
      expect(viewer.denials[0]).toBe(DenyReason.readOnly);
      // A write that IS allowed, after the denied one, arrives; the denied one never does.
      placeControl(instructor.doc, ctx, {
        assetId: asset,
        controlId: '5.2',
        placedBy: 'instructor',
      });
      writeTimer(instructorOnWorkshop.doc, { ...initialTimer([]), remainingMs: 42 });
      await waitFor(
        () => listPlacements(viewer.doc).some((p) => p.controlId === '5.2'),
        'instructor write',
      );
      // (The denied client's own doc keeps its local edit — concurrent with the instructor's in
      // CRDT terms — so the check reads a fresh participant's view.)
      const freshParticipant = connectClient(harness.wsUrl, workshopDoc, tokens.participant);
      clients.push(freshParticipant);
      await synced(freshParticipant);
      await waitFor(
        () => readWorkshopDoc(freshParticipant.doc, []).timer.remainingMs === 42,
        'instructor timer',
      );
      expect(listPlacements(instructor.doc).map((p) => p.controlId)).toEqual(['5.2']);
      expect(readWorkshopDoc(instructorOnWorkshop.doc, []).timer.running).toBe(false);
      // A fresh client sees the server's doc: only the allowed write.
      const fresh = connectClient(harness.wsUrl, ownBoard, tokens.instructor);
      clients.push(fresh);
      await synced(fresh);
      expect(listPlacements(fresh.doc).map((p) => p.controlId)).toEqual(['5.2']);
    } finally {
      for (const client of clients) client.destroy();
    }
  });

  it('participants may not write feedback or meta; instructors may', async () => {
    const { ownBoard } = docs();
    const participant = connectClient(harness.wsUrl, ownBoard, tokens.participant);
    const instructor = connectClient(harness.wsUrl, ownBoard, tokens.instructor);
    try {
      await Promise.all([synced(participant), synced(instructor)]);
      addFeedback(participant.doc, ctx, {
        author: 'p',
        text: '自作自演',
        anchor: { kind: 'board' },
      });
      await waitFor(
        () => participant.denials.includes(DenyReason.instructorOnly),
        'feedback denied',
      );
      setLocked(participant.doc, true, 'local');
      await waitFor(() => participant.denials.length >= 2, 'meta denied');
      addFeedback(instructor.doc, ctx, {
        author: 'i',
        text: 'よくできました',
        anchor: { kind: 'board' },
      });
      const fresh = connectClient(harness.wsUrl, ownBoard, tokens.viewer);
      try {
        await synced(fresh);
        await waitFor(() => readBoard(fresh.doc).feedback.length === 1, 'instructor feedback');
        expect(readBoard(fresh.doc).feedback[0]?.text).toBe('よくできました');
        expect(readBoard(fresh.doc).meta.locked).toBe(false);
      } finally {
        fresh.destroy();
      }
    } finally {
      participant.destroy();
      instructor.destroy();
    }
  });

  it('repeated forbidden writes close the socket with writeForbidden', async () => {
    const viewer = connectClient(harness.wsUrl, docs().otherBoard, tokens.viewer);
    try {
      await synced(viewer);
      for (let index = 0; index < 10; index += 1) {
        placeControl(viewer.doc, ctx, {
          assetId: asset,
          controlId: `5.${20 + index}`,
          placedBy: 'v',
        });
      }
      await waitFor(
        () => viewer.closes.some((close) => close.code === CloseCode.writeForbidden),
        'closed 4003',
      );
    } finally {
      viewer.destroy();
    }
  });
});
