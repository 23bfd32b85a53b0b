import { randomUUID } from 'node:crypto';
import { SignJWT, errors, jwtVerify } from 'jose';
import { TOKEN_TTL_SECONDS, tokenClaimsSchema, type Role, type TokenClaims } from '@isms/shared';

/**
 * Signed tokens (JWT, HS256) carrying `TokenClaims`. The signing secret never leaves the
 * server; a token is verified by signature, expiry and claim shape.
 */
export type TokenFailure = 'missing' | 'malformed' | 'expired' | 'invalid-signature';

export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenFailure };

export interface TokenRequest {
  workshop: string;
  group: string | null;
  role: Role;
  name: string;
  gen: number;
}

const ALGORITHM = 'HS256';

export class TokenService {
  private readonly key: Uint8Array;

  constructor(
    secret: string,
    private readonly now: () => number = Date.now,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  async sign(request: TokenRequest): Promise<{ token: string; claims: TokenClaims }> {
    const exp = Math.floor(this.now() / 1000) + TOKEN_TTL_SECONDS[request.role];
    const claims: TokenClaims = { ...request, jti: randomUUID(), exp };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: ALGORITHM, typ: 'JWT' })
      .sign(this.key);
    return { token, claims };
  }

  async verify(token: string | null | undefined): Promise<VerifyResult> {
    if (!token) return { ok: false, reason: 'missing' };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        currentDate: new Date(this.now()),
      });
      const parsed = tokenClaimsSchema.safeParse(payload);
      return parsed.success
        ? { ok: true, claims: parsed.data }
        : { ok: false, reason: 'malformed' };
    } catch (error) {
      if (error instanceof errors.JWTExpired) return { ok: false, reason: 'expired' };
      if (error instanceof errors.JWSSignatureVerificationFailed) {
        return { ok: false, reason: 'invalid-signature' };
      }
      return { ok: false, reason: 'malformed' };
    }
  }
}
