import type { Limits } from '@isms/shared';

/**
 * Open WebSockets per token and per client address (`maxSocketsPerToken`,
 * `maxSocketsPerAddress`): one leaked or stolen token, or one address, cannot pin hundreds of
 * sockets (each holds buffers and a room slot). Counted synchronously at the upgrade, so
 * concurrent upgrades cannot overshoot; a slot is released when its socket closes.
 */
export class SocketQuota {
  private readonly perToken = new Map<string, number>();
  private readonly perAddress = new Map<string, number>();

  constructor(
    private readonly limits: Pick<Limits, 'maxSocketsPerToken' | 'maxSocketsPerAddress'>,
  ) {}

  /** Takes a slot; returns its release (idempotent), or null when either cap is reached. */
  acquire(tokenId: string, address: string): (() => void) | null {
    const tokenCount = this.perToken.get(tokenId) ?? 0;
    const addressCount = this.perAddress.get(address) ?? 0;
    if (tokenCount >= this.limits.maxSocketsPerToken) return null;
    if (addressCount >= this.limits.maxSocketsPerAddress) return null;
    this.perToken.set(tokenId, tokenCount + 1);
    this.perAddress.set(address, addressCount + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      decrement(this.perToken, tokenId);
      decrement(this.perAddress, address);
    };
  }

  /** Open sockets counted for a token (tests, metrics). */
  openFor(tokenId: string): number {
    return this.perToken.get(tokenId) ?? 0;
  }
}

function decrement(counts: Map<string, number>, key: string): void {
  const next = (counts.get(key) ?? 1) - 1;
  if (next <= 0) counts.delete(key);
  else counts.set(key, next);
}
