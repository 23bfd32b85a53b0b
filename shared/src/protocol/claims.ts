import { z } from 'zod';

export const ROLES = ['participant', 'instructor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/**
 * What a signed token says. `group` is the group a participant belongs to; instructors and
 * viewers are scoped to the whole workshop (`group: null`). `gen` is the join-code generation
 * a participant token was minted under: rotating the code bumps it and revokes older tokens.
 */
export const tokenClaimsSchema = z.object({
  workshop: z.string().min(1),
  group: z.string().nullable(),
  role: z.enum(ROLES),
  name: z.string().max(64),
  gen: z.number().int().nonnegative(),
  jti: z.string().min(1),
  exp: z.number().int(),
});
export type TokenClaims = z.infer<typeof tokenClaimsSchema>;

export function canWrite(role: Role): boolean {
  return role !== 'viewer';
}
