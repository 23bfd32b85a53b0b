import { describe, expect, it } from 'vitest';
import { SignJWT } from 'jose';
import { TOKEN_TTL_SECONDS } from '@isms/shared';
import { TokenService } from './tokens';

const request = { workshop: 'w1', group: 'g1', role: 'participant' as const, name: 'Aiko', gen: 0 };

describe('TokenService', () => {
  it('signs tokens that verify to the same claims', async () => {
    const service = new TokenService('secret-a');
    const { token, claims } = await service.sign(request);
    const result = await service.verify(token);
    expect(result).toEqual({ ok: true, claims });
    expect(claims.exp - Math.floor(Date.now() / 1000)).toBeGreaterThan(
      TOKEN_TTL_SECONDS.participant - 5,
    );
  });

  it('rejects tokens signed with another secret', async () => {
    const { token } = await new TokenService('secret-a').sign(request);
    expect(await new TokenService('secret-b').verify(token)).toEqual({
      ok: false,
      reason: 'invalid-signature',
    });
  });

  it('rejects expired tokens', async () => {
    let now = Date.now();
    const service = new TokenService('secret-a', () => now);
    const { token } = await service.sign(request);
    now += (TOKEN_TTL_SECONDS.participant + 60) * 1000;
    expect(await service.verify(token)).toEqual({ ok: false, reason: 'expired' });
  });

  it('rejects missing, garbage and wrongly shaped tokens', async () => {
    const service = new TokenService('secret-a');
    expect(await service.verify(undefined)).toEqual({ ok: false, reason: 'missing' });
    expect(await service.verify('not.a.token')).toEqual({ ok: false, reason: 'malformed' });
    const wrongShape = await new SignJWT({ workshop: 'w1', role: 'emperor' })
      .setProtectedHeader({ alg: 'HS256' })
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('secret-a'));
    expect(await service.verify(wrongShape)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('rejects the "none" algorithm', async () => {
    const header = Buffer.from(JSON.stringify({ alg: 'none' })).toString('base64url');
    const body = Buffer.from(JSON.stringify({ ...request, jti: 'x', exp: 9e9 })).toString(
      'base64url',
    );
    expect((await new TokenService('secret-a').verify(`${header}.${body}.`)).ok).toBe(false);
  });
});
