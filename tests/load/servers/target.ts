import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type CreateWorkshopRequest,
  type CreateWorkshopResponse,
  type JoinResponse,
  SEMINAR4_SCENARIO,
} from '@isms/shared';
import { dropSchema } from './postgresSchema';
import { freePort, type ServerKind, ServerProcess } from './serverProcess';

/** Where one simulated participant connects. */
export interface RoomAccess {
  roomName: string;
  token: string;
}

/** Most groups one workshop may have (createWorkshopRequestSchema caps `groups` at 30). */
const GROUPS_PER_WORKSHOP = 30;

export interface TargetOptions {
  kind: ServerKind;
  /** Instances of the server (more than one only makes sense with DATABASE_URL/REDIS_URL). */
  instances: number;
  env?: Record<string, string>;
  /** Participant tokens (one join per room) instead of the instructor's. */
  participants?: boolean;
}

/**
 * The system under test: one or more server processes of one kind plus the way to get rooms
 * and tokens on it. Ours persists to SQLite in a temp DATA_DIR (or PostgreSQL when the env says
 * so); the reference keeps nothing. `close()` stops the servers and removes the data directory.
 */
export class Target {
  private constructor(
    readonly options: TargetOptions,
    readonly servers: ServerProcess[],
    private readonly env: Record<string, string>,
    private readonly dataDir: string,
  ) {}

  static async start(options: TargetOptions): Promise<Target> {
    const dataDir = mkdtempSync(join(tmpdir(), 'isms-load-'));
    const env: Record<string, string> =
      options.kind !== 'reference'
        ? {
            DATA_DIR: dataDir,
            ORGANISER_KEY: randomBytes(16).toString('hex'),
            // Shared by every instance, so a token minted by one is valid on all.
            TOKEN_SECRET: randomBytes(32).toString('hex'),
            ...options.env,
          }
        : { ...options.env };
    const servers: ServerProcess[] = [];
    for (let index = 0; index < options.instances; index++) {
      servers.push(await ServerProcess.start(options.kind, { port: await freePort(), env }));
    }
    return new Target(options, servers, env, dataDir);
  }

  get label(): string {
    const base = this.options.kind;
    return this.options.instances > 1 ? `${base} ×${this.options.instances}` : base;
  }

  get serverPids(): number[] {
    return this.servers.map((server) => server.pid);
  }

  get httpUrls(): string[] {
    return this.servers.map((server) => server.httpUrl);
  }

  get syncUrls(): string[] {
    return this.servers.map((server) => server.syncUrl);
  }

  async provision(rooms: number): Promise<RoomAccess[]> {
    if (this.options.kind === 'reference') {
      const run = randomBytes(4).toString('hex');
      return Array.from({ length: rooms }, (_, index) => ({
        roomName: `bench-${run}/r${index + 1}`,
        token: 'none',
      }));
    }
    const access: RoomAccess[] = [];
    // The built-in seminar scenario: the boards carry the real initial content.
    const scenarioId = SEMINAR4_SCENARIO.id;
    while (access.length < rooms) {
      const groups = Math.min(GROUPS_PER_WORKSHOP, rooms - access.length);
      const created = await this.api<CreateWorkshopResponse>('/api/workshops', {
        title: 'load test',
        date: new Date().toISOString().slice(0, 10),
        scenarioId,
        groups,
      } satisfies CreateWorkshopRequest);
      for (const group of created.workshop.groups) {
        const token = this.options.participants
          ? (await this.api<JoinResponse>('/api/join', { code: group.code, name: 'load' })).token
          : created.instructorToken;
        access.push({ roomName: `${created.workshop.id}/${group.id}`, token });
      }
    }
    return access;
  }

  /** Crashes instance `index` (SIGKILL) and starts it again on the same port and data. */
  async crash(index: number): Promise<{ restarted: () => Promise<void> }> {
    const server = this.servers[index];
    if (!server) throw new Error(`no instance ${index}`);
    await server.kill();
    return {
      restarted: async () => {
        this.servers[index] = await ServerProcess.start(this.options.kind, {
          port: server.port,
          env: this.env,
        });
      },
    };
  }

  async close(): Promise<void> {
    await Promise.all(this.servers.map((server) => server.stop()));
    rmSync(this.dataDir, { recursive: true, force: true });
    if (this.env.DATABASE_URL && this.env.PG_SCHEMA) {
      await dropSchema(this.env.DATABASE_URL, this.env.PG_SCHEMA);
    }
  }

  private async api<T>(path: string, body: unknown): Promise<T> {
    const response = await fetch(`${this.servers[0]?.httpUrl}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${this.env.ORGANISER_KEY}`,
      },
      body: JSON.stringify(body),
    });
    if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  }
}
