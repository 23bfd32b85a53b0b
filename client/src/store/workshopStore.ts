import type * as Y from 'yjs';
import { type ScheduleItem, type WorkshopDocState, readWorkshopDoc } from '@isms/shared';
import { shareStructure } from './structuralSharing';

/** The workshop-wide document (timer, agenda) as a read-only store for the board. */
export class WorkshopStore {
  private snapshot: WorkshopDocState;
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly schedule: readonly ScheduleItem[],
  ) {
    this.snapshot = readWorkshopDoc(doc, schedule);
    doc.on('update', this.refresh);
  }

  readonly getSnapshot = (): WorkshopDocState => this.snapshot;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private readonly refresh = () => {
    const next = shareStructure(this.snapshot, readWorkshopDoc(this.doc, this.schedule));
    if (next === this.snapshot) return;
    this.snapshot = next;
    this.listeners.forEach((listener) => listener());
  };

  destroy(): void {
    this.doc.off('update', this.refresh);
    this.listeners.clear();
  }
}
