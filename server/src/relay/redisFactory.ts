/**
 * Redis settings beside REDIS_URL: REDIS_PREFIX (default "isms:") namespaces every channel
 * and key, so several deployments (or test runs) can share one Redis.
 */
export function redisPrefixFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return env.REDIS_PREFIX?.trim() || 'isms:';
}
