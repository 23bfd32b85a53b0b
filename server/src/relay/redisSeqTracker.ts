/**
 * Which updates of one document this instance holds, by the store's seq. `contiguous` is the
 * highest seq N such that every seq ≤ N has been applied; seqs seen beyond it wait in `ahead`
 * until the hole below them is filled (by a late relay message or a catch-up read).
 */
export class SeqTracker {
  private contiguousSeq: number;
  private readonly ahead = new Set<number>();

  constructor(loadedSeq: number) {
    this.contiguousSeq = loadedSeq;
  }

  get contiguous(): number {
    return this.contiguousSeq;
  }

  /** True while some seq below a seen one is missing. */
  get hasGap(): boolean {
    return this.ahead.size > 0;
  }

  observe(seq: number): void {
    if (seq <= this.contiguousSeq) return;
    this.ahead.add(seq);
    this.advance();
  }

  /** Everything up to `seq` is now applied (a catch-up read returned it). */
  caughtUpTo(seq: number): void {
    if (seq > this.contiguousSeq) this.contiguousSeq = seq;
    for (const pending of this.ahead) if (pending <= this.contiguousSeq) this.ahead.delete(pending);
    this.advance();
  }

  private advance(): void {
    while (this.ahead.delete(this.contiguousSeq + 1)) this.contiguousSeq += 1;
  }
}
