import ExcelJS from 'exceljs';
import {
  SEMINAR4_SCENARIO,
  boardDocName,
  placeControl,
  setNote,
  type Scenario,
} from '@isms/shared';
import { type TestClient, connectClient, synced } from '../server/harness';

/**
 * Simulated participants for the instructor tests: Node y-websocket clients (the real
 * protocol, no browser) that announce a name and edit a group's board with the shared
 * commands. The browser side reuses P's helpers in ./helpers.
 */
export async function participant(
  wsUrl: string,
  workshopId: string,
  groupId: string,
  token: string,
  name = '参加者',
): Promise<TestClient> {
  const client = connectClient(wsUrl, boardDocName(workshopId, groupId), token);
  client.provider.awareness.setLocalState({ user: { name, color: '#1f6f78' } });
  await synced(client);
  return client;
}

/** A card to place: asset by index in the scenario, control id, implementation note. */
export type Card = [assetIndex: number, controlId: string, note: string];

export function placeCards(
  client: TestClient,
  cards: readonly Card[],
  scenario: Scenario = SEMINAR4_SCENARIO,
): string[] {
  const ctx = { scenario };
  return cards.map(([assetIndex, controlId, note]) => {
    const assetId = scenario.assets[assetIndex]!.id;
    const placed = placeControl(client.doc, ctx, { assetId, controlId, placedBy: 'e2e' });
    if (!placed.ok) throw new Error(`${controlId}: ${placed.message}`);
    if (note) setNote(client.doc, ctx, placed.value.placementId, note);
    return placed.value.placementId;
  });
}

/** Every row of every sheet of an XLSX file as strings (exceljs, as a spreadsheet reads it). */
export async function xlsxRows(file: Buffer): Promise<{ sheets: string[]; rows: string[][] }> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file as unknown as ArrayBuffer);
  const rows: string[][] = [];
  workbook.eachSheet((sheet) =>
    sheet.eachRow((row) => {
      const values = (row.values as unknown[]).slice(1);
      rows.push(
        values.map((value) => (value === null || value === undefined ? '' : String(value))),
      );
    }),
  );
  return { sheets: workbook.worksheets.map((sheet) => sheet.name), rows };
}
