import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  SAMPLE_PEOPLE_SCENARIO,
  SEMINAR4_SCENARIO,
  boardDocName,
  placeControl,
  type CreateWorkshopResponse,
  type Scenario,
  type ScenarioDetailResponse,
  type ScenarioListResponse,
} from '@isms/shared';
import {
  ORGANISER_KEY,
  connectClient,
  startTestServer,
  synced,
  waitFor,
  type TestServer,
} from './harness';

/**
 * The scenario studio's API: organisers create, import, duplicate, edit, export and delete
 * scenarios, validated by the shared schema with errors naming the field; saves are versioned
 * and a workshop keeps the version it was created from — in its scenario and its exports.
 */
const organiser = { token: ORGANISER_KEY };

const mine: Scenario = {
  ...SAMPLE_PEOPLE_SCENARIO,
  id: 'studio-people',
  title_ja: '人的管理策の演習',
  title_en: 'People controls exercise',
};

describe('scenario studio API', () => {
  let harness: TestServer;

  beforeAll(async () => {
    harness = await startTestServer();
  });
  afterAll(async () => {
    await harness.close();
  });

  it('creates a scenario (organiser only), lists it and refuses a taken id', async () => {
    expect((await harness.api('POST', '/api/scenarios', { body: mine })).status).toBe(401);
    const created = await harness.api<ScenarioDetailResponse>('POST', '/api/scenarios', {
      ...organiser,
      body: mine,
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, source: 'studio' });
    const list = await harness.api<ScenarioListResponse>('GET', '/api/scenarios');
    expect(list.body.scenarios.find((s) => s.id === mine.id)).toMatchObject({
      source: 'studio',
      version: 1,
      theme: 'people',
      assets: 8,
    });
    const again = await harness.api('POST', '/api/scenarios', { ...organiser, body: mine });
    expect(again.status).toBe(409);
    const builtInId = await harness.api('POST', '/api/scenarios', {
      ...organiser,
      body: { ...mine, id: SEMINAR4_SCENARIO.id },
    });
    expect(builtInId.status).toBe(409);
  });

  it('names the field of every validation error', async () => {
    const broken = structuredClone(mine) as unknown as { assets: { risk_en: string }[] };
    broken.assets[3]!.risk_en = '';
    const reply = await harness.api<{ error: { code: string; message: string } }>(
      'POST',
      '/api/scenarios',
      { ...organiser, body: { ...broken, id: 'broken-one', controls_per_asset: 99 } },
    );
    expect(reply.status).toBe(400);
    expect(reply.body.error.code).toBe('invalid-scenario');
    expect(reply.body.error.message).toContain('assets.3.risk_en');
    expect(reply.body.error.message).toContain('controls_per_asset');
  });

  it('a workshop keeps its version when the scenario is edited or deleted, exports too', async () => {
    const base = { ...mine, id: 'studio-versioned' };
    await harness.api('POST', '/api/scenarios', { ...organiser, body: base });
    const workshop = await harness.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      ...organiser,
      body: { title: '版の確認', date: '2026-12-01', scenarioId: base.id, groups: 1 },
    });
    expect(workshop.status).toBe(201);
    expect(workshop.body.workshop.scenarioVersion).toBe(1);
    const edited: Scenario = {
      ...base,
      assets: base.assets.map((asset, index) =>
        index === 0 ? { ...asset, name_ja: '改訂後の資産名' } : asset,
      ),
    };
    const stale = await harness.api('PUT', `/api/scenarios/${base.id}`, {
      ...organiser,
      body: { scenario: edited, version: 2 },
    });
    expect(stale.status).toBe(409);
    const saved = await harness.api<ScenarioDetailResponse>('PUT', `/api/scenarios/${base.id}`, {
      ...organiser,
      body: { scenario: edited, version: 1 },
    });
    expect(saved.status).toBe(200);
    expect(saved.body.version).toBe(2);
    const { id } = workshop.body.workshop;
    const token = workshop.body.instructorToken;
    const board = connectClient(harness.wsUrl, boardDocName(id, 'g1'), token);
    await synced(board);
    const placed = placeControl(
      board.doc,
      { scenario: base },
      { assetId: base.assets[0]!.id, controlId: '6.3', placedBy: '講師' },
    );
    expect(placed.ok).toBe(true);
    const snapshot = await harness.api<Scenario>('GET', `/api/workshops/${id}/scenario`, { token });
    expect(snapshot.body.assets[0]!.name_ja).toBe(base.assets[0]!.name_ja);
    expect((await harness.api('DELETE', `/api/scenarios/${base.id}`, organiser)).status).toBe(204);
    const exportUrl = `${harness.server.url}/api/workshops/${id}/export/security-standard.md?token=${encodeURIComponent(token)}`;
    let text = '';
    await waitFor(async () => {
      text = await (await fetch(exportUrl)).text();
      return text.includes('6.3');
    }, 'the placed card reaches the export');
    expect(text).toContain(base.assets[0]!.name_ja);
    expect(text).not.toContain('改訂後の資産名');
    board.destroy();
    const later = await harness.api<CreateWorkshopResponse>('POST', '/api/workshops', {
      ...organiser,
      body: { title: '削除後', date: '2026-12-01', scenarioId: base.id },
    });
    expect(later.status).toBe(400);
  });

  it('built-ins are read-only; duplicating one makes an editable copy without the sample flag', async () => {
    const put = await harness.api('PUT', `/api/scenarios/${SEMINAR4_SCENARIO.id}`, {
      ...organiser,
      body: { scenario: SEMINAR4_SCENARIO, version: 1 },
    });
    expect(put.status).toBe(409);
    expect(
      (await harness.api('DELETE', `/api/scenarios/${SEMINAR4_SCENARIO.id}`, organiser)).status,
    ).toBe(409);
    const copy = await harness.api<ScenarioDetailResponse>(
      'POST',
      `/api/scenarios/${SAMPLE_PEOPLE_SCENARIO.id}/duplicate`,
      { ...organiser, body: {} },
    );
    expect(copy.status).toBe(201);
    expect(copy.body.scenario.id).toBe('sample-people-copy');
    expect(copy.body.scenario.title_ja).toContain('コピー');
    expect(copy.body.scenario.sample).toBeUndefined();
    expect(copy.body.scenario.assets).toEqual(SAMPLE_PEOPLE_SCENARIO.assets);
    const second = await harness.api<ScenarioDetailResponse>(
      'POST',
      `/api/scenarios/${SAMPLE_PEOPLE_SCENARIO.id}/duplicate`,
      { ...organiser, body: {} },
    );
    expect(second.body.scenario.id).toBe('sample-people-copy-2');
  });

  it('exports the documented JSON and imports it back under a free id', async () => {
    const exported = await fetch(
      `${harness.server.url}/api/scenarios/${mine.id}/export?token=${ORGANISER_KEY}`,
    );
    expect(exported.headers.get('content-disposition')).toContain('studio-people.json');
    const json = (await exported.json()) as Scenario;
    expect(json).toEqual(mine);
    const imported = await harness.api<ScenarioDetailResponse>('POST', '/api/scenarios/import', {
      ...organiser,
      body: json,
    });
    expect(imported.status).toBe(201);
    expect(imported.body.scenario.id).toBe('studio-people-2');
    const garbage = await harness.api('POST', '/api/scenarios/import', {
      ...organiser,
      body: { id: 'x' },
    });
    expect(garbage.status).toBe(400);
  });
});
