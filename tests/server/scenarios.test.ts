import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_SCENARIOS,
  SEMINAR4_SCENARIO,
  boardDocName,
  placeControl,
  readBoard,
  type CreateWorkshopResponse,
  type Scenario,
  type ScenarioListResponse,
} from '@isms/shared';
import {
  ORGANISER_KEY,
  connectClient,
  startTestServer,
  tempDataDir,
  waitFor,
  type TestClient,
  type TestServer,
} from './harness';

/**
 * Organisers add scenarios as JSON files in DATA_DIR/scenarios (docs/scenario-format.md): the
 * server offers valid ones, skips invalid ones, and hands every member of a workshop the
 * scenario snapshot it was created from.
 */
const physical: Scenario = {
  ...SEMINAR4_SCENARIO,
  id: 'seminar5-physical',
  title_ja: '第5回：物理的管理策',
  title_en: 'Workshop 5: physical controls',
  theme: 'physical',
  controls_per_asset: 2,
  example_answer: undefined,
};

describe('custom scenarios from DATA_DIR/scenarios', () => {
  let harness: TestServer;
  let created: CreateWorkshopResponse;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    const dataDir = tempDataDir();
    mkdirSync(path.join(dataDir, 'scenarios'));
    writeFileSync(path.join(dataDir, 'scenarios', 'physical.json'), JSON.stringify(physical));
    writeFileSync(
      path.join(dataDir, 'scenarios', 'broken.json'),
      JSON.stringify({ ...physical, id: 'x', assets: [] }),
    );
    harness = await startTestServer({}, {}, dataDir);
    const reply = await harness.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      token: ORGANISER_KEY,
      body: { title: '第5回', date: '2026-12-01', scenarioId: physical.id, groups: 2 },
    });
    expect(reply.status).toBe(201);
    created = reply.body;
  });

  afterAll(async () => {
    clients.forEach((client) => client.destroy());
    await harness.close();
  });

  it('lists valid scenario files next to the built-ins and skips invalid ones', async () => {
    const reply = await harness.api<ScenarioListResponse>('GET', '/api/scenarios');
    expect(reply.body.scenarios.map((s) => s.id)).toEqual([
      ...BUILT_IN_SCENARIOS.map((s) => s.id),
      physical.id,
    ]);
    expect(reply.body.scenarios.at(-1)).toMatchObject({ source: 'file', version: 1 });
  });

  it('gives every member of the workshop its scenario, and nobody else', async () => {
    const member = await harness.join(created.workshop.groups[0]!.code);
    const reply = await harness.api<Scenario>(
      'GET',
      `/api/workshops/${created.workshop.id}/scenario`,
      {
        token: member.token,
      },
    );
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ id: physical.id, theme: 'physical', controls_per_asset: 2 });
    const other = await harness.createWorkshop(1);
    const outsider = await harness.join(other.workshop.groups[0]!.code);
    const denied = await harness.api('GET', `/api/workshops/${created.workshop.id}/scenario`, {
      token: outsider.token,
    });
    expect(denied.status).toBe(403);
    expect(
      (await harness.api('GET', `/api/workshops/${created.workshop.id}/scenario`)).status,
    ).toBe(401);
  });

  it("boards of the workshop accept the scenario theme's controls end to end", async () => {
    const member = await harness.join(created.workshop.groups[1]!.code);
    const client = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g2'),
      member.token,
    );
    clients.push(client);
    await waitFor(() => client.provider.synced, 'client synced');
    const result = placeControl(
      client.doc,
      { scenario: physical },
      { assetId: 'bcp', controlId: '7.5', placedBy: 'a' },
    );
    expect(result.ok).toBe(true);
    const reader = connectClient(
      harness.wsUrl,
      boardDocName(created.workshop.id, 'g2'),
      created.instructorToken,
    );
    clients.push(reader);
    await waitFor(
      () => readBoard(reader.doc).placements.some((p) => p.controlId === '7.5'),
      'placement relayed',
    );
  });
});
