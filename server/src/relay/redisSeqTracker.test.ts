import { describe, expect, it } from 'vitest';
import { SeqTracker } from './redisSeqTracker';

describe('SeqTracker', () => {
  it('advances over consecutive seqs and reports a hole until it is filled', () => {
    const tracker = new SeqTracker(4);
    tracker.observe(5);
    expect(tracker.contiguous).toBe(5);
    tracker.observe(7);
    tracker.observe(8);
    expect(tracker.hasGap).toBe(true);
    expect(tracker.contiguous).toBe(5);
    tracker.observe(6);
    expect(tracker.hasGap).toBe(false);
    expect(tracker.contiguous).toBe(8);
  });

  it('ignores seqs already covered and jumps forward after a catch-up', () => {
    const tracker = new SeqTracker(0);
    tracker.observe(3);
    tracker.observe(9);
    tracker.caughtUpTo(5);
    expect(tracker.contiguous).toBe(5);
    expect(tracker.hasGap).toBe(true);
    tracker.caughtUpTo(9);
    tracker.observe(2);
    expect(tracker.contiguous).toBe(9);
    expect(tracker.hasGap).toBe(false);
  });
});
