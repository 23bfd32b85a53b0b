import * as Y from 'yjs';
import { DenyReason, boardRoots } from '@isms/shared';

/**
 * A second replica of a room's document where a client's update is tried before the real
 * document sees it. Yjs then decides, with its own rules, whether the update integrates now
 * (no pending structs, no pending deletions) and where every new item lands; the caller's check
 * runs inside that same transaction. Refused: the shadow is dropped and rebuilt from the real
 * document on the next write (O(document), only after a refusal — and refusals close the socket
 * after `maxDeniedWrites`). Accepted: the real document applies the same update and ends up
 * identical.
 *
 * Cost: every update is integrated twice (BENCHMARKS.md "Server-authoritative writes") and a
 * room that is written to holds its document twice (docs/server.md).
 */
export type WriteCheck = (doc: Y.Doc, transaction: Y.Transaction) => DenyReason | null;

export class ShadowDoc {
  private shadow: Y.Doc | null = null;
  /** True while the real document applies an update the shadow already has. */
  private forwarding = false;

  constructor(private readonly real: Y.Doc) {
    real.on('update', this.onRealUpdate);
  }

  /** Everything the real document integrates reaches the shadow (store, relay, server). */
  private readonly onRealUpdate = (update: Uint8Array) => {
    if (this.forwarding || this.shadow === null) return;
    Y.applyUpdate(this.shadow, update);
  };

  private build(): Y.Doc {
    const shadow = new Y.Doc({ gc: this.real.gc });
    // Defined up front so integration never has to re-type a root mid-check.
    boardRoots(shadow);
    Y.applyUpdate(shadow, Y.encodeStateAsUpdate(this.real));
    // encodeStateAsUpdate includes what the real doc holds pending (another instance's update
    // that arrived out of order); the shadow must hold none, so a client's pending is visible.
    shadow.store.pendingStructs = null;
    shadow.store.pendingDs = null;
    return shadow;
  }

  /**
   * Applies `update` to the shadow and runs `check` on the result. Null = accepted: the caller
   * must now apply the same update to the real document through `commit`.
   */
  tryUpdate(update: Uint8Array, check: WriteCheck | null): DenyReason | null {
    const shadow = (this.shadow ??= this.build());
    let denial: DenyReason | null = null;
    try {
      shadow.transact((transaction) => {
        Y.applyUpdate(shadow, update);
        if (shadow.store.pendingStructs !== null || shadow.store.pendingDs !== null) {
          denial = DenyReason.missingDependencies;
          return;
        }
        denial = check ? check(shadow, transaction) : null;
      });
    } catch (error) {
      this.discard();
      throw error;
    }
    if (denial !== null) this.discard();
    return denial;
  }

  /** Applies an accepted update to the real document (the shadow already has it). */
  commit(apply: () => void): void {
    this.forwarding = true;
    try {
      apply();
    } catch (error) {
      this.discard();
      throw error;
    } finally {
      this.forwarding = false;
    }
  }

  private discard(): void {
    this.shadow?.destroy();
    this.shadow = null;
  }

  destroy(): void {
    this.real.off('update', this.onRealUpdate);
    this.discard();
  }
}
