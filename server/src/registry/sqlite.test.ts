import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SEMINAR4_SCENARIO } from '@isms/shared';
import { SqliteWorkshopRegistry } from './sqlite';
import type { WorkshopRecord } from './types';

function workshopRecord(id: string): WorkshopRecord {
  return {
    id,
    title: '情報セキュリティ対策ワークショップ',
    date: '2026-11-26',
    scenario: SEMINAR4_SCENARIO,
    status: 'active',
    createdAt: Date.now(),
    groups: [
      { id: 'g1', name: 'グループ1', code: 'ABCDEFGH', generation: 0, locked: false },
      { id: 'g2', name: 'グループ2', code: 'JKMNPQRS', generation: 0, locked: false },
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
