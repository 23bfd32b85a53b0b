/**
 * Coalesces bursts of updates into one recomputation per animation frame: 8 boards × 5 members
 * typing produce hundreds of Yjs updates a second, the screen needs at most one per frame.
 * Outside a browser (unit tests) a 16 ms timer (one 60 Hz frame) stands in for the frame.
 */
const FRAME_MS = 16;

export class FrameScheduler {
  private handle: number | ReturnType<typeof setTimeout> | null = null;
  private destroyed = false;

  constructor(private readonly run: (frameStart: number) => void) {}

  request(): void {
    if (this.handle !== null || this.destroyed) return;
    if (typeof requestAnimationFrame === 'function') {
      this.handle = requestAnimationFrame((time) => {
        this.handle = null;
        this.run(time);
      });
    } else {
      this.handle = setTimeout(() => {
        this.handle = null;
        this.run(performance.now());
      }, FRAME_MS);
    }
  }

  destroy(): void {
    this.destroyed = true;
    if (this.handle === null) return;
    if (typeof cancelAnimationFrame === 'function' && typeof this.handle === 'number') {
      cancelAnimationFrame(this.handle);
    } else {
      clearTimeout(this.handle as ReturnType<typeof setTimeout>);
    }
    this.handle = null;
  }
}
