import { SAMPLE_PEOPLE_SCENARIO, type Scenario } from '@isms/shared';
import { expect, it } from 'vitest';
import { ScenarioVersionConflict, type ScenarioStore } from './types';

/**
 * The ScenarioStore contract, run against SQLite and PostgreSQL: versions count up and are
 * kept, stale saves conflict, deletes hide without forgetting, ids are never reused for a
 * different version number. `open` returns a store on fresh or shared storage; `id` makes the
 * scenario ids unique per run (PostgreSQL tests share a database).
 */
export function scenarioStoreContract(
  open: () => Promise<ScenarioStore>,
  id: (base: string) => string,
): void {
  const scenarioWith = (scenarioId: string, title: string): Scenario => ({
    ...SAMPLE_PEOPLE_SCENARIO,
    id: scenarioId,
    title_ja: title,
  });

  it('creates version 1, then each update is the next version; old versions stay readable', async () => {
    const store = await open();
    const scenarioId = id('versions');
    const first = await store.save(scenarioWith(scenarioId, '第1版'), null);
    expect(first.version).toBe(1);
    const second = await store.save(scenarioWith(scenarioId, '第2版'), 1);
    expect(second.version).toBe(2);
    expect((await store.get(scenarioId))?.scenario.title_ja).toBe('第2版');
    expect((await store.getVersion(scenarioId, 1))?.scenario.title_ja).toBe('第1版');
    expect((await store.list()).find((entry) => entry.id === scenarioId)?.version).toBe(2);
  });

  it('refuses a stale version and a second create with the same id', async () => {
    const store = await open();
    const scenarioId = id('conflict');
    await store.save(scenarioWith(scenarioId, 'A'), null);
    await store.save(scenarioWith(scenarioId, 'B'), 1);
    await expect(store.save(scenarioWith(scenarioId, 'C'), 1)).rejects.toBeInstanceOf(
      ScenarioVersionConflict,
    );
    await expect(store.save(scenarioWith(scenarioId, 'D'), null)).rejects.toBeInstanceOf(
      ScenarioVersionConflict,
    );
    await expect(store.save(scenarioWith(id('never-made'), 'E'), 1)).rejects.toBeInstanceOf(
      ScenarioVersionConflict,
    );
    expect((await store.get(scenarioId))?.scenario.title_ja).toBe('B');
  });

  it('of two concurrent saves on the same version exactly one wins', async () => {
    const [a, b] = [await open(), await open()];
    const scenarioId = id('race');
    await a.save(scenarioWith(scenarioId, 'base'), null);
    const results = await Promise.allSettled([
      a.save(scenarioWith(scenarioId, 'from a'), 1),
      b.save(scenarioWith(scenarioId, 'from b'), 1),
    ]);
    expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
    expect((await a.get(scenarioId))?.version).toBe(2);
  });

  it('delete hides the scenario but keeps its versions; re-creating continues the numbering', async () => {
    const store = await open();
    const scenarioId = id('deleted');
    await store.save(scenarioWith(scenarioId, 'v1'), null);
    expect(await store.delete(scenarioId)).toBe(true);
    expect(await store.delete(scenarioId)).toBe(false);
    expect(await store.get(scenarioId)).toBeNull();
    expect((await store.list()).some((entry) => entry.id === scenarioId)).toBe(false);
    expect((await store.getVersion(scenarioId, 1))?.scenario.title_ja).toBe('v1');
    const again = await store.save(scenarioWith(scenarioId, 'again'), null);
    expect(again.version).toBe(2);
  });
}
