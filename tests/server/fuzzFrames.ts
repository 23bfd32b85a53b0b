import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import {
  MessageType,
  SEMINAR4_SCENARIO,
  SyncMessageType,
  placeControl,
  scenarioControlIds,
} from '@isms/shared';

/**
 * Seeded generators of hostile frames for the wire fuzz test: random bytes, truncated varints,
 * huge lengths, wrong message types, valid updates with flipped/truncated bytes, structurally
 * valid frames around garbage updates, bad awareness. Same seed → same frames.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type FuzzKind =
  | 'random-bytes'
  | 'truncated-varint'
  | 'huge-length'
  | 'wrong-type'
  | 'mutated-update'
  | 'garbage-update'
  | 'bad-awareness'
  | 'valid';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

export function syncFrame(subType: number, payload: Uint8Array): Uint8Array {
  return frame((encoder) => {
    encoding.writeVarUint(encoder, MessageType.sync);
    encoding.writeVarUint(encoder, subType);
    encoding.writeVarUint8Array(encoder, payload);
  });
}

export class FrameFuzzer {
  private readonly random: () => number;
  private readonly controls = scenarioControlIds(SEMINAR4_SCENARIO);
  private placed = 0;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  private int(max: number): number {
    return Math.floor(this.random() * max);
  }

  private bytes(length: number): Uint8Array {
    return Uint8Array.from({ length }, () => this.int(256));
  }

  /**
   * A real update: one card placed by a fresh writer (own client id), so it never depends on an
   * earlier update that a mutation or a closed socket kept from the server.
   */
  validUpdate(): Uint8Array {
    const assets = SEMINAR4_SCENARIO.assets;
    const source = new Y.Doc();
    const index = this.placed++;
    placeControl(
      source,
      { scenario: SEMINAR4_SCENARIO },
      {
        assetId: assets[index % assets.length]!.id,
        controlId: this.controls[Math.floor(index / assets.length) % this.controls.length]!,
        placedBy: 'fuzz',
      },
    );
    const update = Y.encodeStateAsUpdate(source);
    source.destroy();
    return update;
  }

  private mutate(update: Uint8Array): Uint8Array {
    const copy = update.slice();
    switch (this.int(3)) {
      case 0:
        for (let flips = 1 + this.int(4); flips > 0; flips -= 1)
          copy[this.int(copy.length)] = this.int(256);
        return copy;
      case 1:
        return copy.slice(0, this.int(copy.length));
      default:
        return Uint8Array.from([
          ...copy.slice(0, this.int(copy.length)),
          ...this.bytes(1 + this.int(16)),
        ]);
    }
  }

  next(): { kind: FuzzKind; frame: Uint8Array } {
    const kinds: FuzzKind[] = [
      'random-bytes',
      'truncated-varint',
      'huge-length',
      'wrong-type',
      'mutated-update',
      'garbage-update',
      'bad-awareness',
      'valid',
    ];
    const kind = kinds[this.int(kinds.length)]!;
    return { kind, frame: this.build(kind) };
  }

  private build(kind: FuzzKind): Uint8Array {
    switch (kind) {
      case 'random-bytes':
        return this.bytes(this.int(64));
      case 'truncated-varint':
        return Uint8Array.from({ length: 1 + this.int(8) }, () => 0x80 | this.int(128));
      case 'huge-length':
        return frame((encoder) => {
          encoding.writeVarUint(
            encoder,
            this.int(2) === 0 ? MessageType.sync : MessageType.awareness,
          );
          if (this.int(2) === 0) encoding.writeVarUint(encoder, SyncMessageType.update);
          encoding.writeVarUint(encoder, 2 ** 31 + this.int(2 ** 20));
          encoding.writeUint8Array(encoder, this.bytes(this.int(16)));
        });
      case 'wrong-type':
        return frame((encoder) => {
          const type = [MessageType.auth, 4, 5, 99, 2 ** 20][this.int(5)]!;
          encoding.writeVarUint(encoder, type);
          if (this.int(2) === 0) encoding.writeVarUint(encoder, 7);
          encoding.writeUint8Array(encoder, this.bytes(this.int(8)));
        });
      case 'mutated-update':
        return syncFrame(SyncMessageType.update, this.mutate(this.validUpdate()));
      case 'garbage-update':
        return syncFrame(
          this.int(2) === 0 ? SyncMessageType.update : SyncMessageType.step2,
          this.bytes(1 + this.int(48)),
        );
      case 'bad-awareness':
        return frame((encoder) => {
          encoding.writeVarUint(encoder, MessageType.awareness);
          const inner = encoding.createEncoder();
          encoding.writeVarUint(inner, 1 + this.int(3));
          encoding.writeVarUint(inner, this.int(2 ** 30));
          encoding.writeVarUint(inner, this.int(10));
          encoding.writeVarString(inner, ['{', 'nope', '{"a":', ''][this.int(4)]!);
          encoding.writeVarUint8Array(encoder, encoding.toUint8Array(inner));
        });
      case 'valid':
        return this.int(2) === 0
          ? syncFrame(SyncMessageType.update, this.validUpdate())
          : syncFrame(SyncMessageType.step1, Y.encodeStateVector(new Y.Doc()));
    }
  }
}
