import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { raisePriority } from './priority';
import type { ClientPlan, FromWorker, LoadRates, ToWorker } from './messages';

const WORKER_ENTRY = fileURLToPath(new URL('./worker.ts', import.meta.url));

/** LOAD_PROFILE_DIR=<dir> writes a V8 CPU profile per worker there (is the generator the limit?). */
function workerExecArgv(): string[] {
  const profileDir = process.env.LOAD_PROFILE_DIR;
  return ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [])];
}

type Reply<T extends FromWorker['type']> = Extract<FromWorker, { type: T }>;

/**
 * The generator's worker processes, owned by one load run. Clients are dealt round-robin so
 * every room has members in several processes (deliveries cross process boundaries, as between
 * real laptops). `close()` is the disposer.
 */
export class WorkerPool {
  private constructor(private readonly workers: ChildProcess[]) {}

  static async start(count: number): Promise<WorkerPool> {
    const workers = Array.from({ length: count }, () =>
      fork(WORKER_ENTRY, [], { execArgv: workerExecArgv(), stdio: 'inherit' }),
    );
    for (const worker of workers) if (worker.pid) raisePriority(worker.pid);
    const pool = new WorkerPool(workers);
    await pool.collect('ready');
    return pool;
  }

  get pids(): number[] {
    return this.workers.map((worker) => worker.pid ?? 0).filter((pid) => pid > 0);
  }

  /** Hands out the clients and resolves once every worker reports its connect outcome. */
  async connect(clients: ClientPlan[], rates: LoadRates): Promise<Array<Reply<'connected'>>> {
    const shares = this.workers.map(() => [] as ClientPlan[]);
    clients.forEach((client, index) => shares[index % shares.length]?.push(client));
    const replies = this.collect('connected');
    this.workers.forEach((worker, index) =>
      worker.send({ type: 'plan', clients: shares[index] ?? [], rates } satisfies ToWorker),
    );
    return replies;
  }

  /** Sends one command to every worker; resolves with each worker's reply of `replyType`. */
  async ask<T extends FromWorker['type']>(
    message: ToWorker,
    replyType: T,
  ): Promise<Array<Reply<T>>> {
    const replies = this.collect(replyType);
    this.broadcast(message);
    return replies;
  }

  broadcast(message: ToWorker): void {
    for (const worker of this.workers) worker.send(message);
  }

  async close(): Promise<void> {
    await Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<void>((resolve) => {
            if (worker.exitCode !== null || !worker.connected) return resolve();
            worker.once('exit', () => resolve());
            worker.send({ type: 'close' } satisfies ToWorker);
          }),
      ),
    );
  }

  private collect<T extends FromWorker['type']>(replyType: T): Promise<Array<Reply<T>>> {
    return Promise.all(
      this.workers.map(
        (worker) =>
          new Promise<Reply<T>>((resolve, reject) => {
            const onExit = (code: number | null) => {
              worker.off('message', onMessage);
              reject(new Error(`load worker exited (${code})`));
            };
            const onMessage = (message: FromWorker) => {
              if (message.type === 'error') reject(new Error(`load worker: ${message.message}`));
              if (message.type !== replyType) return;
              worker.off('message', onMessage);
              worker.off('exit', onExit);
              resolve(message as Reply<T>);
            };
            worker.on('message', onMessage);
            worker.once('exit', onExit);
          }),
      ),
    );
  }
}
