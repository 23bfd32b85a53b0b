import { once } from 'node:events';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * WAL checkpoints off the event loop. better-sqlite3 is synchronous, so SQLite's automatic
 * checkpoint (every 1000 WAL pages, run by the committing connection) blocks the event loop for
 * its fsync — measured as a 25–50 ms tail on durable appends, i.e. on delivery, since we
 * persist before broadcasting. The store turns automatic checkpoints off on its connection and
 * this worker thread, with its own connection to the same file, runs PASSIVE checkpoints, which
 * never block the writer. Durability is unchanged: commits are durable in the WAL either way.
 */
export const CHECKPOINT_INTERVAL_MS = 1_000;

// The worker reports problems instead of throwing: a store closed (and its directory removed)
// right after opening must not surface as an uncaught error; the store then checkpoints inline.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
let db = null;
try {
  db = new Database(workerData.file, { fileMustExist: true });
  db.pragma('busy_timeout = 5000');
} catch (error) {
  db = null;
  parentPort.postMessage({ error: String(error) });
}
const checkpoint = () => {
  if (!db) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = db ? setInterval(checkpoint, workerData.intervalMs) : null;
parentPort.on('message', () => {
  if (timer) clearInterval(timer);
  checkpoint();
  if (db) db.close();
  parentPort.close();
});
`;

export class WalCheckpointer {
  private readonly worker: Worker;
  private readonly exited: Promise<unknown>;
  private stopped = false;

  constructor(
    file: string,
    onFailure: (error: unknown) => void,
    intervalMs = CHECKPOINT_INTERVAL_MS,
  ) {
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { file, driver, intervalMs },
    });
    this.worker.unref();
    this.exited = once(this.worker, 'exit');
    this.worker.on('message', (message: { error?: string }) => onFailure(new Error(message.error)));
    this.worker.on('error', onFailure);
    this.worker.on('exit', (code) => {
      if (!this.stopped) onFailure(new Error(`checkpoint worker exited with ${code}`));
    });
  }

  /** Runs a last checkpoint and closes the worker's connection. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    this.worker.postMessage('stop');
    await this.exited;
  }
}
