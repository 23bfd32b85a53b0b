import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, it } from 'vitest';
import { postgresTestTarget } from '../store/postgresTestTarget';
import { describeHistoryStoreContract } from './contract';
import { MemoryHistoryStore } from './memory';
import { PostgresHistoryStore } from './postgres';
import { SqliteHistoryStore } from './sqlite';

const memory = new MemoryHistoryStore();
describeHistoryStoreContract('memory', async () => memory);

const dataDir = mkdtempSync(path.join(tmpdir(), 'isms-history-contract-'));
describeHistoryStoreContract('sqlite', async () => new SqliteHistoryStore(dataDir));

const target = await postgresTestTarget('history');
if (target.available) {
  describeHistoryStoreContract('postgres', () => PostgresHistoryStore.open(target.options));
  afterAll(() => target.dropSchema());
} else {
  describe.skip(`HistoryStore contract: postgres — SKIPPED: ${target.reason}`, () => {
    it('needs PostgreSQL', () => undefined);
  });
}
