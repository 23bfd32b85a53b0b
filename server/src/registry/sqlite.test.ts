import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { SEMINAR4_SCENARIO } from '@isms/shared';
import { scenarioStoreContract } from './scenarioContract';
import { SqliteWorkshopRegistry } from './sqlite';
import type { WorkshopRecord } from './types';

function workshopRecord(id: string): WorkshopRecord {
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
      { id: 'g1', name: 'グループ1', code: 'ABCDEFGH', generation: 0, locked: false, done: false },
      { id: 'g2', name: 'グループ2', code: 'JKMNPQRS', generation: 0, locked: false, done: false },
    ],
  };
}

describe('SqliteWorkshopRegistry', () => {
  const opened: SqliteWorkshopRegistry[] = [];
  const open = (dataDir = mkdtempSync(path.join(tmpdir(), 'isms-registry-'))) => {
    const registry = new SqliteWorkshopRegistry(dataDir);
    opened.push(registry);
    return { registry, dataDir };
  };
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((registry) => registry.close()));
  });

  it('stores, finds by code (as typed) and deletes workshops; survives a reopen', async () => {
    const { registry, dataDir } = open();
    const workshop = workshopRecord('w1');
    await registry.create(workshop);
    await expect(registry.create(workshop)).rejects.toThrow();
    const reopened = open(dataDir).registry;
    expect(await reopened.get('w1')).toEqual(workshop);
    expect((await reopened.findByCode(' jkmn-pqrs '))?.group.id).toBe('g2');
    await reopened.delete('w1');
    expect(await reopened.get('w1')).toBeNull();
    expect(await reopened.findByCode('ABCDEFGH')).toBeNull();
  });

  it('updates atomically and re-indexes rotated codes', async () => {
    const { registry } = open();
    await registry.create(workshopRecord('w2'));
    const updated = await registry.update('w2', (record) => ({
      ...record,
      groups: record.groups.map((group) =>
        group.id === 'g1'
          ? { ...group, code: 'TUVWXYZ2', generation: group.generation + 1 }
          : group,
      ),
    }));
    expect(updated?.groups[0]?.generation).toBe(1);
    expect(await registry.findByCode('ABCDEFGH')).toBeNull();
    expect((await registry.findByCode('TUVWXYZ2'))?.group.generation).toBe(1);
    expect(await registry.update('missing', (record) => record)).toBeNull();
  });

  it('remembers revoked token ids', async () => {
    const { registry } = open();
    expect(await registry.isRevoked('jti-1')).toBe(false);
    await registry.revokeToken('jti-1', Math.floor(Date.now() / 1000) + 60);
    expect(await registry.isRevoked('jti-1')).toBe(true);
  });
});

describe('SqliteScenarioStore', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'isms-scenarios-'));
  const opened: SqliteWorkshopRegistry[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((registry) => registry.close()));
  });
  scenarioStoreContract(
    async () => {
      const registry = new SqliteWorkshopRegistry(dataDir);
      opened.push(registry);
      return registry.scenarios;
    },
    (base) => base,
  );

  it('keeps scenarios across a reopen, and old rows get the new fields’ defaults', async () => {
    const registry = new SqliteWorkshopRegistry(dataDir);
    opened.push(registry);
    expect((await registry.scenarios.get('versions'))?.version).toBe(2);
    await registry.create(workshopRecord('old'));
    // A row written before phases and the ready check existed.
    const legacy = new Database(path.join(dataDir, 'board.sqlite'));
    const row = JSON.parse(
      (legacy.prepare('SELECT record FROM workshop WHERE id = ?').get('old') as { record: string })
        .record,
    ) as Record<string, unknown>;
    delete row.phaseIndex;
    delete row.takeHome;
    delete row.scenarioVersion;
    for (const group of row.groups as Record<string, unknown>[]) delete group.done;
    legacy.prepare('UPDATE workshop SET record = ? WHERE id = ?').run(JSON.stringify(row), 'old');
    legacy.close();
    const read = await registry.get('old');
    expect(read).toMatchObject({ phaseIndex: 0, takeHome: false, scenarioVersion: 1 });
    expect(read?.groups.every((group) => group.done === false)).toBe(true);
  });
});
