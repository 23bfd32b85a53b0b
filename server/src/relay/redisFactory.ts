/**
 * Redis settings beside REDIS_URL: REDIS_PREFIX (default "isms:") namespaces every channel
 * and key, so several deployments (or test runs) can share one Redis.
 */
export function redisPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_PREFIX?.trim() || 'isms:';
}

/**
 * Several instances must agree on the token secret (a token minted by one is checked by the
 * others) and the organiser key. Generated per-instance files in DATA_DIR would silently
 * break every cross-instance join, so scale-out refuses to start without them.
 */
export function assertSharedSecrets(config: {
  tokenSecret: string | null;
  organiserKey: string | null;
}): void {
  const missing = [
    config.tokenSecret ? null : 'TOKEN_SECRET',
    config.organiserKey ? null : 'ORGANISER_KEY',
  ].filter((name) => name !== null);
  if (missing.length > 0) {
    throw new Error(
      `REDIS_URL is set (several instances): set ${missing.join(' and ')} to the same value on every instance`,
    );
  }
}
