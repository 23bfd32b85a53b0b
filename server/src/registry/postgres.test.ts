import { randomUUID } from 'node:crypto';
import { SEMINAR4_SCENARIO } from '@isms/shared';
import { afterAll, describe, expect, it } from 'vitest';
import { postgresTestTarget } from '../store/postgresTestTarget';
import { PostgresWorkshopRegistry } from './postgres';
import { scenarioStoreContract } from './scenarioContract';
import type { WorkshopRecord } from './types';

const target = await postgresTestTarget('registry');

function workshopRecord(): WorkshopRecord {
  const id = `w${randomUUID().slice(0, 8)}`;
  const code = () => randomUUID().replaceAll('-', '').slice(0, 8).toUpperCase();
  return {
    id,
    title: '情報セキュリティ対策ワークショップ',
    date: '2026-11-26',
    scenario: SEMINAR4_SCENARIO,
    scenarioVersion: 1,
    phaseIndex: 0,
    takeHome: false,
    status: 'active',
    createdAt: Date.now(),
    groups: [
      { id: 'g1', name: 'グループ1', code: code(), generation: 0, locked: false, done: false },
      { id: 'g2', name: 'グループ2', code: code(), generation: 0, locked: false, done: false },
    ],
  };
}

describe.skipIf(!target.available)('PostgresWorkshopRegistry', () => {
  const registries: PostgresWorkshopRegistry[] = [];
  const open = async () => {
    if (!target.available) throw new Error('unreachable');
    const registry = await PostgresWorkshopRegistry.open(target.options);
    registries.push(registry);
    return registry;
  };
  afterAll(async () => {
    await Promise.all(registries.map((registry) => registry.close()));
    if (target.available) await target.dropSchema();
  });

  it('stores, finds by code (any case) and deletes workshops', async () => {
    const registry = await open();
    const workshop = workshopRecord();
    await registry.create(workshop);
    expect(await registry.get(workshop.id)).toEqual(workshop);
    expect((await registry.list()).map((w) => w.id)).toContain(workshop.id);
    const found = await registry.findByCode(` ${workshop.groups[1]!.code.toLowerCase()} `);
    expect(found?.group.id).toBe('g2');
    expect(found?.workshop.id).toBe(workshop.id);
    await registry.delete(workshop.id);
    expect(await registry.get(workshop.id)).toBeNull();
    expect(await registry.findByCode(workshop.groups[0]!.code)).toBeNull();
  });

  it('serialises concurrent updates from several instances', async () => {
    const instances = [await open(), await open(), await open()];
    const workshop = workshopRecord();
    await instances[0]!.create(workshop);
    const bump = (record: WorkshopRecord): WorkshopRecord => ({
      ...record,
      groups: record.groups.map((group) =>
        group.id === 'g1' ? { ...group, generation: group.generation + 1 } : group,
      ),
    });
    await Promise.all(
      Array.from({ length: 12 }, (_, i) => instances[i % 3]!.update(workshop.id, bump)),
    );
    const stored = await instances[1]!.get(workshop.id);
    expect(stored?.groups.find((group) => group.id === 'g1')?.generation).toBe(12);
    expect(await instances[0]!.update('missing', bump)).toBeNull();
  });

  describe('scenarios', () => {
    const run = randomUUID().slice(0, 8);
    scenarioStoreContract(
      async () => (await open()).scenarios,
      (base) => `${base}-${run}`,
    );
  });

  it('keeps phase, take-home and done flags', async () => {
    const registry = await open();
    const workshop = workshopRecord();
    await registry.create({ ...workshop, scenarioVersion: 3 });
    const updated = await registry.update(workshop.id, (record) => ({
      ...record,
      phaseIndex: 1,
      takeHome: true,
      groups: record.groups.map((group) => ({ ...group, done: group.id === 'g2' })),
    }));
    expect(await registry.get(workshop.id)).toEqual(updated);
    expect(updated).toMatchObject({ phaseIndex: 1, takeHome: true, scenarioVersion: 3 });
    expect(updated?.groups.map((group) => group.done)).toEqual([false, true]);
  });

  it('shares token revocations between instances', async () => {
    const [first, second] = [await open(), await open()];
    const jti = randomUUID();
    expect(await second.isRevoked(jti)).toBe(false);
    await first.revokeToken(jti, Math.floor(Date.now() / 1000) + 3600);
    expect(await second.isRevoked(jti)).toBe(true);
  });
});
