import { afterAll, describe, it } from 'vitest';
import { describeDocStoreContract } from './contract';
import { PostgresDocStore } from './postgres';
import { postgresTestTarget } from './postgresTestTarget';

const target = await postgresTestTarget('store');
if (target.available) {
  describeDocStoreContract('postgres', () => PostgresDocStore.open(target.options));
  afterAll(() => target.dropSchema());
} else {
  describe.skip(`DocStore contract: postgres — SKIPPED: ${target.reason}`, () => {
    it('needs PostgreSQL', () => undefined);
  });
}
