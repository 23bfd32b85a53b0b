import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DenyReason,
  SEMINAR4_SCENARIO,
  boardDocName,
  editNote,
  placeControl,
  readBoard,
  readMeta,
  readWorkshopDoc,
  workshopDocName,
  type CreateWorkshopResponse,
  type JoinResponse,
  type WorkshopInfo,
} from '@isms/shared';
import {
  connectClient,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

/**
 * Running the room, end to end with real providers: the instructor moves the room to the
 * presentation phase (read-only for participants: the server refuses their writes on every
 * board, the boards show it) and back; a group marks itself 「完了」 and takes it back; with
 * take-home allowed, a participant downloads their own group's documents and never another's.
 */
const ctx = { scenario: SEMINAR4_SCENARIO };
const hostile = { scenario: SEMINAR4_SCENARIO, bypassLock: true };
const asset = SEMINAR4_SCENARIO.assets[0]!.id;
const note = '顧客情報へのアクセス権を四半期ごとに見直す';

describe('phases, ready check and take-home results', () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  let member1: JoinResponse;
  let member2: JoinResponse;
  let board1: TestClient;
  let board2: TestClient;
  let instructorBoard: TestClient;
  let workshopDoc: TestClient;
  const clients: TestClient[] = [];
  const post = <T>(route: string, body: unknown, token = created.instructorToken) =>
    harness.api<T>('POST', `/api/workshops/${created.workshop.id}${route}`, { body, token });

  beforeAll(async () => {
    harness = await startTestServer();
    created = await harness.createWorkshop(2);
    member1 = await harness.join(created.workshop.groups[0]!.code);
    member2 = await harness.join(created.workshop.groups[1]!.code);
    const id = created.workshop.id;
    board1 = connectClient(harness.wsUrl, boardDocName(id, 'g1'), member1.token);
    board2 = connectClient(harness.wsUrl, boardDocName(id, 'g2'), member2.token);
    instructorBoard = connectClient(harness.wsUrl, boardDocName(id, 'g1'), created.instructorToken);
    workshopDoc = connectClient(harness.wsUrl, workshopDocName(id), member1.token);
    clients.push(board1, board2, instructorBoard, workshopDoc);
    await Promise.all(clients.map((client) => synced(client)));
    expect(created.workshop).toMatchObject({ phaseIndex: 0, takeHome: false });
  });

  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await harness.close();
  });

  it('the presentation phase makes every board read-only for participants, reversibly', async () => {
    const placed = placeControl(board1.doc, ctx, {
      assetId: asset,
      controlId: '5.15',
      placedBy: 'a',
    });
    expect(placed.ok).toBe(true);
    if (!placed.ok) return;
    editNote(board1.doc, ctx, {
      placementId: placed.value.placementId,
      index: 0,
      deleteCount: 0,
      insert: note,
    });
    await waitFor(
      () => readBoard(instructorBoard.doc).placements.some((p) => p.controlId === '5.15'),
      'the edit before the phase change arrives',
    );

    expect((await post('/phase', { phaseIndex: 1 }, member1.token)).status).toBe(403);
    expect((await post('/phase', { phaseIndex: 2 })).status).toBe(400);
    const moved = await post<WorkshopInfo>('/phase', { phaseIndex: 1 });
    expect(moved.status).toBe(200);
    expect(moved.body.phaseIndex).toBe(1);
    await waitFor(
      () => readMeta(board1.doc).phaseReadOnly && readMeta(board2.doc).phaseReadOnly,
      'every board shows the read-only phase',
    );
    await waitFor(
      () => readWorkshopDoc(workshopDoc.doc, SEMINAR4_SCENARIO.schedule).timer.phaseIndex === 1,
      'the shared timer is on the presentation phase',
    );
    // The command refuses on an honest client; a hostile one that skips the check is refused
    // by the server.
    expect(
      placeControl(board2.doc, ctx, { assetId: asset, controlId: '5.1', placedBy: 'b' }).ok,
    ).toBe(false);
    placeControl(board2.doc, hostile, { assetId: asset, controlId: '5.2', placedBy: 'b' });
    await waitFor(() => board2.denials.includes(DenyReason.phaseReadOnly), 'write refused');
    const reader = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g2'),
      created.instructorToken,
    );
    clients.push(reader);
    await synced(reader);
    expect(readBoard(reader.doc).placements.some((p) => p.controlId === '5.2')).toBe(false);
    // The instructor still writes in any phase.
    expect(
      placeControl(instructorBoard.doc, hostile, {
        assetId: asset,
        controlId: '5.3',
        placedBy: '講師',
      }).ok,
    ).toBe(true);
    await waitFor(
      () => readBoard(board1.doc).placements.some((p) => p.controlId === '5.3'),
      'the instructor’s card reaches the participant',
    );

    const back = await post<WorkshopInfo>('/phase', { phaseIndex: 0 });
    expect(back.body.phaseIndex).toBe(0);
    await waitFor(() => !readMeta(board2.doc).phaseReadOnly, 'boards editable again');
    expect(
      placeControl(board2.doc, ctx, { assetId: asset, controlId: '5.4', placedBy: 'b' }).ok,
    ).toBe(true);
    await waitFor(
      () => readBoard(reader.doc).placements.some((p) => p.controlId === '5.4'),
      'a write after the phase ends is accepted',
    );
  });

  it('a group marks itself done and takes it back; only its members and the instructor may', async () => {
    expect((await post('/groups/g1/done', { done: true }, member2.token)).status).toBe(403);
    expect((await post('/groups/g1/done', { done: true }, member1.token)).status).toBe(200);
    await waitFor(() => readMeta(instructorBoard.doc).done, 'done mirrored into the board');
    const info = await harness.api<WorkshopInfo>('GET', `/api/workshops/${created.workshop.id}`, {
      token: created.instructorToken,
    });
    expect(info.body.groups.map((group) => group.done)).toEqual([true, false]);
    expect((await post('/groups/g1/done', { done: false }, member1.token)).status).toBe(200);
    await waitFor(() => !readMeta(instructorBoard.doc).done, 'taken back');
  });

  it('take-home downloads: off by default, then only the own group’s documents', async () => {
    const id = created.workshop.id;
    const download = (group: string, file: string, token: string) =>
      fetch(
        `${harness.server.url}/api/workshops/${id}/groups/${group}/export/${file}?token=${encodeURIComponent(token)}`,
      );
    const off = await download('g1', 'security-standard.xlsx', member1.token);
    expect(off.status).toBe(403);
    expect(((await off.json()) as { error: { code: string } }).error.code).toBe('take-home-off');
    expect((await post('/settings', { takeHome: true }, member1.token)).status).toBe(403);
    const on = await post<WorkshopInfo>('/settings', { takeHome: true });
    expect(on.body.takeHome).toBe(true);
    await waitFor(() => readMeta(board1.doc).takeHome, 'take-home mirrored into the board');

    const xlsx = await download('g1', 'security-standard.xlsx', member1.token);
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    const cells: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value)))),
    );
    expect(cells).toContain(note);
    for (const file of ['soa.csv', 'soa.md', 'security-standard.md']) {
      expect((await download('g1', file, member1.token)).status).toBe(200);
    }
    expect((await download('g1', 'security-standard.xlsx', member2.token)).status).toBe(403);
    expect((await download('g2', 'security-standard.csv', member1.token)).status).toBe(403);
    expect((await download('g1', 'report.xlsx', member1.token)).status).toBe(404);
    expect((await download('g1', 'backup.json', member1.token)).status).toBe(404);
    const g2 = await download('g2', 'security-standard.md', member2.token);
    expect(await g2.text()).not.toContain(note);
  });
});
