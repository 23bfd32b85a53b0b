import { describe, expect, it } from 'vitest';
import { postgresOptionsFromEnv } from '../store/postgresFactory';
import { assertSharedSecrets, redisPrefixFromEnv } from './redisFactory';

describe('scale-out settings', () => {
  it('refuses to scale out without shared secrets', () => {
    expect(() => assertSharedSecrets({ tokenSecret: null, organiserKey: 'k' })).toThrow(
      /TOKEN_SECRET/,
    );
    expect(() => assertSharedSecrets({ tokenSecret: 's', organiserKey: null })).toThrow(
      /ORGANISER_KEY/,
    );
    expect(() => assertSharedSecrets({ tokenSecret: 's', organiserKey: 'k' })).not.toThrow();
  });

  it('reads PG_SCHEMA, PG_MAX_CONNECTIONS and REDIS_PREFIX with defaults', () => {
    expect(postgresOptionsFromEnv('postgres://db', {})).toEqual({
      url: 'postgres://db',
      schema: 'public',
      maxConnections: 10,
    });
    expect(
      postgresOptionsFromEnv('postgres://db', { PG_SCHEMA: 'venue_a', PG_MAX_CONNECTIONS: '4' }),
    ).toEqual({ url: 'postgres://db', schema: 'venue_a', maxConnections: 4 });
    expect(() => postgresOptionsFromEnv('postgres://db', { PG_MAX_CONNECTIONS: '0' })).toThrow();
    expect(redisPrefixFromEnv({})).toBe('isms:');
    expect(redisPrefixFromEnv({ REDIS_PREFIX: 'venue-a:' })).toBe('venue-a:');
  });
});
