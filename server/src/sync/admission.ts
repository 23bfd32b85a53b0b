import type * as Y from 'yjs';
import { DenyReason } from '@isms/shared';
import { buildsOnKnownState } from './integrable';
import { ShadowDoc, type WriteCheck } from './shadowDoc';
import type { DecodedUpdate } from './validate';

/**
 * The gate between a client's update and a room's document: refused when it cannot integrate
 * now (a cheap look at its structs first, then Yjs itself on the shadow), or when `check`
 * denies what it would change; otherwise applied to the document by `apply`. Room uses it for
 * every client write; the property test drives it directly with honest replicas.
 */
export class Admission {
  private readonly shadow: ShadowDoc;

  constructor(private readonly doc: Y.Doc) {
    this.shadow = new ShadowDoc(doc);
  }

  admit(
    update: { bytes: Uint8Array; decoded: DecodedUpdate },
    check: WriteCheck | null,
    apply: (bytes: Uint8Array) => void,
  ): DenyReason | null {
    if (!buildsOnKnownState(this.doc, update.decoded)) return DenyReason.missingDependencies;
    const denial = this.shadow.tryUpdate(update.bytes, check);
    if (denial !== null) return denial;
    this.shadow.commit(() => apply(update.bytes));
    return null;
  }

  destroy(): void {
    this.shadow.destroy();
  }
}
