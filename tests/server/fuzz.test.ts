import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  CloseCode,
  DEFAULT_LIMITS,
  SEMINAR4_SCENARIO,
  StoreOrigin,
  SyncMessageType,
  boardDocName,
  listPlacements,
  placeControl,
  readBoard,
  workshopDocName,
  type CreateWorkshopResponse,
} from '@isms/shared';
import { FrameFuzzer, syncFrame } from './fuzzFrames';
import {
  connectClient,
  openRaw,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

const SEED = Number(process.env.FUZZ_SEED ?? 20261126);
const FRAMES = 10_000;
/** Hostile sockets open at once: enough to overlap, few enough to keep the run short. */
const PARALLEL = 16;

/** Sends a burst, then a sync step 1 probe; done when the server answered it or closed. */
async function hostileSession(
  harness: TestServer,
  docName: string,
  token: string,
  frames: Uint8Array[],
) {
  const raw = await openRaw(harness.wsUrl, docName, token);
  const probe = syncFrame(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc()));
  const answered = new Promise<void>((resolve) => {
    raw.socket.on('message', (data: Buffer) => {
      // A sync step 2 (type 0, sub-type 1) answers the probe: everything before it was handled.
      if (data[0] === 0 && data[1] === 1) resolve();
    });
  });
  for (const frame of [...frames, probe]) {
    if (raw.socket.readyState === raw.socket.OPEN) raw.socket.send(frame);
  }
  const outcome = await Promise.race([
    answered.then(() => 'answered' as const),
    raw.closed.then((c) => c.code),
  ]);
  raw.socket.terminate();
  return outcome;
}

describe(`fuzz: ${FRAMES} hostile frames (seed ${SEED})`, () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  const honest: TestClient[] = [];
  beforeAll(async () => {
    harness = await startTestServer();
    created = await harness.createWorkshop(2);
  });
  afterAll(async () => {
    for (const client of honest) client.destroy();
    await harness.close();
  });

  it('the process stays up, other rooms keep working, stored docs equal what honest clients see', async () => {
    const { id } = created.workshop;
    const target = boardDocName(id, 'g1');
    const token = created.instructorToken;
    const member = await harness.join(created.workshop.groups[0]!.code);
    const a1 = connectClient(harness.wsUrl, target, token);
    const a2 = connectClient(harness.wsUrl, target, token);
    const b1 = connectClient(harness.wsUrl, boardDocName(id, 'g2'), token);
    const b2 = connectClient(harness.wsUrl, boardDocName(id, 'g2'), token);
    honest.push(a1, a2, b1, b2);
    await Promise.all(honest.map((client) => synced(client)));

    const fuzzer = new FrameFuzzer(SEED);
    const counts = new Map<string, number>();
    const outcomes = new Map<string, number>();
    let sent = 0;
    const worker = async (workerIndex: number) => {
      let session = 0;
      while (sent < FRAMES) {
        const burst: Uint8Array[] = [];
        for (let n = 1 + ((workerIndex + session) % 6); n > 0 && sent < FRAMES; n -= 1, sent += 1) {
          const { kind, frame } = fuzzer.next();
          counts.set(kind, (counts.get(kind) ?? 0) + 1);
          burst.push(frame);
        }
        // Every 7th session is a read-only participant on the workshop doc (the deny path).
        const readOnly = session % 7 === 3;
        const docName = readOnly ? workshopDocName(id) : target;
        const outcome = await hostileSession(
          harness,
          docName,
          readOnly ? member.token : token,
          burst,
        );
        outcomes.set(String(outcome), (outcomes.get(String(outcome)) ?? 0) + 1);
        session += 1;
      }
    };
    // Meanwhile the other room keeps working.
    let otherRoomEdits = 0;
    const controls = ['5.1', '5.2', '5.3', '5.4', '5.5'];
    const otherRoom = setInterval(() => {
      const controlId = controls[otherRoomEdits % controls.length]!;
      const assetId =
        SEMINAR4_SCENARIO.assets[Math.floor(otherRoomEdits / controls.length) % 8]!.id;
      placeControl(b1.doc, { scenario: SEMINAR4_SCENARIO }, { assetId, controlId, placedBy: 'b1' });
      otherRoomEdits += 1;
    }, 50);
    try {
      await Promise.all(Array.from({ length: PARALLEL }, (_, index) => worker(index)));
    } finally {
      clearInterval(otherRoom);
    }
    // Oversized frames: closed with 1009 by the frame size limit.
    for (let index = 0; index < 3; index += 1) {
      const raw = await openRaw(harness.wsUrl, target, token);
      raw.socket.send(new Uint8Array(DEFAULT_LIMITS.maxFrameBytes + 1 + index));
      expect((await raw.closed).code).toBe(CloseCode.messageTooBig);
    }
    expect(sent).toBe(FRAMES);
    expect(counts.size).toBe(8);
    expect((await fetch(`${harness.server.url}/healthz`)).status).toBe(200);
    await waitFor(
      () => listPlacements(b2.doc).length === listPlacements(b1.doc).length,
      'other room delivered everything',
    );
    expect(listPlacements(b1.doc).length).toBe(Math.min(otherRoomEdits, 40));
    expect(otherRoomEdits).toBeGreaterThan(0);
    // Honest clients of the fuzzed room converge, and equal what the store holds.
    await waitFor(
      () => JSON.stringify(readBoard(a1.doc)) === JSON.stringify(readBoard(a2.doc)),
      'honest clients converged',
    );
    const fresh = connectClient(harness.wsUrl, target, token);
    honest.push(fresh);
    await synced(fresh);
    await waitFor(
      () => listPlacements(fresh.doc).length === listPlacements(a1.doc).length,
      'fresh client caught up',
    );
    const stored = await harness.server.backends.store.load(target);
    const rebuilt = new Y.Doc();
    if (stored.snapshot) Y.applyUpdate(rebuilt, stored.snapshot, new StoreOrigin());
    for (const entry of stored.updates) Y.applyUpdate(rebuilt, entry.update, new StoreOrigin());
    expect(readBoard(rebuilt)).toEqual(readBoard(a1.doc));
    expect(readBoard(fresh.doc)).toEqual(readBoard(a1.doc));
    expect(listPlacements(a1.doc).length).toBeGreaterThan(0);
  });
});
