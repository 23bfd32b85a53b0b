import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { TokenService } from '../auth/tokens';
import type { WorkshopRegistry } from '../registry/types';
import type { Limits } from '@isms/shared';
import type { AddressResolver } from '../http/clientAddress';
import type { ScenarioLibrary } from '../scenarios/library';
import type { HistoryRecorder } from '../history/recorder';
import type { HistoryStore } from '../history/types';
import type { DocStore } from '../store/types';
import type { ControlPlane } from '../sync/control';
import type { JoinGuard } from './joinGuard';
import type { RoomManager } from '../sync/rooms';

/** What every API handler may use; built once by app.ts. */
export interface ApiDeps {
  registry: WorkshopRegistry;
  store: DocStore;
  history: HistoryStore;
  recorder: HistoryRecorder;
  rooms: RoomManager;
  control: ControlPlane;
  tokens: TokenService;
  joinGuard: JoinGuard;
  limits: Limits;
  /** The client address limits are keyed on (TRUST_PROXY-aware). */
  clientAddress: AddressResolver;
  scenarios: ScenarioLibrary;
  organiserKey: string;
  publicUrl: string | null;
  log: Logger;
}

export interface RequestContext {
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  params: Record<string, string>;
  deps: ApiDeps;
}

export type Handler = (context: RequestContext) => Promise<void>;

export interface Route {
  method: string;
  pattern: RegExp;
  handler: Handler;
}

/** `/api/workshops/:id` → a RegExp with named groups. */
export function route(method: string, path: string, handler: Handler): Route {
  const source = path.replace(/\./g, '\\.').replace(/:([a-zA-Z]+)/g, '(?<$1>[^/.]+)');
  return { method, pattern: new RegExp(`^${source}$`), handler };
}

/** Base of links handed out: PUBLIC_URL, or the host the caller used to reach us. */
export function baseUrl(context: RequestContext): string {
  if (context.deps.publicUrl) return context.deps.publicUrl;
  const host = context.req.headers.host ?? 'localhost';
  return `http://${host}`;
}
