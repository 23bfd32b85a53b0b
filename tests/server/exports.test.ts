import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  editNote,
  listPlacements,
  placeControl,
  readBoard,
  type CreateWorkshopResponse,
} from '@isms/shared';
import {
  ORGANISER_KEY,
  connectClient,
  startTestServer,
  synced,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

const ctx = { scenario: SEMINAR4_SCENARIO };
const asset = SEMINAR4_SCENARIO.assets[0]!;

/**
 * The export route: document exports rendered from the live board, backup of a whole workshop
 * and restore into a new one. (The export contents are tested beside server/src/exports.)
 */
describe('exports over HTTP: documents, backup, restore', () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  const clients: TestClient[] = [];
  const note = 'アクセス権を四半期ごとに見直す';

  beforeAll(async () => {
    harness = await startTestServer();
    created = await harness.createWorkshop(2);
    const board = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g1'),
      created.instructorToken,
    );
    clients.push(board);
    await synced(board);
    const placed = placeControl(board.doc, ctx, {
      assetId: asset.id,
      controlId: '5.15',
      placedBy: 'x',
    });
    if (!placed.ok) throw new Error('place failed');
    editNote(board.doc, ctx, {
      placementId: placed.value.placementId,
      index: 0,
      deleteCount: 0,
      insert: note,
    });
    const reader = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g1'),
      created.instructorToken,
    );
    clients.push(reader);
    await waitFor(async () => {
      await synced(reader);
      return readBoard(reader.doc).placements[0]?.note === note;
    }, 'note stored');
  });
  afterAll(async () => {
    for (const client of clients) client.destroy();
    await harness.close();
  });

  const download = (path: string, token = created.instructorToken) =>
    fetch(
      `${harness.server.url}/api/workshops/${created.workshop.id}/export/${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}`,
    );

  it('renders CSV (UTF-8 with BOM), Markdown and XLSX from the live board', async () => {
    const csv = await download('security-standard.csv?group=g1&lang=ja');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename=".*"; filename\*=UTF-8''/,
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toContain(note);
    const markdown = await download('soa.md?lang=en');
    expect(markdown.status).toBe(200);
    expect(await markdown.text()).toContain('5.15');
    const xlsx = await download('report.xlsx');
    expect(xlsx.status).toBe(200);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(await xlsx.arrayBuffer()) as unknown as ArrayBuffer);
    expect(workbook.worksheets.length).toBeGreaterThan(0);
  });

  it('refuses participants, unknown kinds and unknown groups', async () => {
    const member = await harness.join(created.workshop.groups[0]!.code);
    expect((await download('soa.csv', member.token)).status).toBe(403);
    expect((await download('nonsense.csv')).status).toBe(404);
    expect((await download('soa.json')).status).toBe(404);
    expect((await download('soa.csv?group=g9')).status).toBe(404);
  });

  it('backs up a workshop and restores it into a new workshop with the same boards', async () => {
    const backupReply = await download('backup.json');
    expect(backupReply.status).toBe(200);
    const backup = (await backupReply.json()) as { docs: Record<string, string> };
    expect(Object.keys(backup.docs).sort()).toEqual(['_workshop', 'g1', 'g2']);
    const restored = await harness.api<CreateWorkshopResponse>('POST', '/api/workshops/restore', {
      token: ORGANISER_KEY,
      body: backup,
    });
    expect(restored.status).toBe(201);
    const copy = restored.body.workshop;
    expect(copy.id).not.toBe(created.workshop.id);
    expect(copy.groups.map((group) => group.code)).not.toEqual(
      created.workshop.groups.map((group) => group.code),
    );
    const reader = connectClient(
      harness.wsUrl,
      boardDocName(copy.id, 'g1'),
      restored.body.instructorToken,
    );
    clients.push(reader);
    await synced(reader);
    expect(listPlacements(reader.doc).map((placement) => placement.controlId)).toEqual(['5.15']);
    expect(readBoard(reader.doc).placements[0]?.note).toBe(note);
    // The copy's meta names the new workshop, so exports and the console never mix them up.
    expect(readBoard(reader.doc).meta).toMatchObject({
      workshopId: copy.id,
      groupId: 'g1',
      locked: false,
    });
    const broken = await harness.api('POST', '/api/workshops/restore', {
      token: ORGANISER_KEY,
      body: { ...backup, docs: { g1: Buffer.from([1, 2, 3, 255]).toString('base64') } },
    });
    expect(broken.status).toBe(400);
    const asInstructor = await harness.api('POST', '/api/workshops/restore', {
      token: created.instructorToken,
      body: backup,
    });
    expect(asInstructor.status).toBe(403);
  });
});
