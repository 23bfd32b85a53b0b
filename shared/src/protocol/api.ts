import { z } from 'zod';
import { MAX_NAME_LENGTH, MAX_TITLE_LENGTH, calendarDate, displayText } from './text';
import type { Scenario } from '../scenario/schema';
import type { Role } from './claims';

/**
 * The HTTP API under /api, shared by server and client. Request bodies are validated with these
 * schemas on the server; responses are typed for the client. Authorization: "Bearer <token>"
 * (organiser key or a signed token); downloads also accept "?token=".
 *
 *   GET    /api/scenarios                               → ScenarioListResponse            (public)
 *   GET    /api/scenarios/:id                           → ScenarioDetailResponse          (organiser)
 *   GET    /api/scenarios/:id/export                    → scenario JSON (attachment)      (organiser)
 *   POST   /api/scenarios             scenario JSON     → ScenarioDetailResponse (201)    (organiser)
 *   POST   /api/scenarios/import      scenario JSON     → ScenarioDetailResponse (201; a taken id gets a suffix)
 *   POST   /api/scenarios/:id/duplicate DuplicateScenarioRequest → ScenarioDetailResponse (201)
 *   PUT    /api/scenarios/:id         UpdateScenarioRequest → ScenarioDetailResponse    (organiser; 409 on a stale version)
 *   DELETE /api/scenarios/:id                           → 204                             (organiser; studio scenarios only)
 *   GET    /api/time                                    → { now }                         (public; clock skew)
 *   GET    /api/workshops/:id/scenario                  → Scenario                        (any token of the workshop)
 *   POST   /api/join                  JoinRequest       → JoinResponse                    (public, rate-limited)
 *   POST   /api/workshops             CreateWorkshopRequest → CreateWorkshopResponse      (organiser)
 *   GET    /api/workshops                               → WorkshopListResponse            (organiser)
 *   POST   /api/workshops/restore     backup JSON       → CreateWorkshopResponse          (organiser)
 *   POST   /api/workshops/:id/instructor-token          → TokenResponse                   (organiser)
 *   GET    /api/workshops/:id                           → WorkshopInfo                    (instructor)
 *   POST   /api/workshops/:id/viewer-token              → TokenResponse                   (instructor)
 *   POST   /api/workshops/:id/groups/:groupId/rotate-code → GroupInfo                     (instructor)
 *   POST   /api/workshops/:id/lock    LockRequest       → WorkshopInfo                    (instructor)
 *   POST   /api/workshops/:id/status  StatusRequest     → WorkshopInfo                    (instructor)
 *   POST   /api/workshops/:id/revoke  RevokeRequest     → { revoked }                     (instructor)
 *   POST   /api/workshops/:id/phase   PhaseRequest      → WorkshopInfo                    (instructor)
 *   POST   /api/workshops/:id/settings SettingsRequest  → WorkshopInfo                    (instructor)
 *   POST   /api/workshops/:id/groups/:groupId/done DoneRequest → { done }              (that group's participants, instructor)
 *   GET    /api/workshops/:id/groups/:groupId/export/:kind.:format?lang=ja  (that group's participants
 *          while takeHome is on, instructor) kind: security-standard | soa ; format: csv | xlsx | md
 *   DELETE /api/workshops/:id                           → 204                             (organiser)
 *   GET    /api/workshops/:id/export/:kind.:format?group=g1&lang=ja                       (instructor)
 *          kind: security-standard | soa | report | backup ; format: csv | xlsx | md | json
 * Errors: { error: { code, message } } with 400/401/403/404/409/413/429(+Retry-After)/503.
 * 503 `store-unavailable` (+Retry-After): the database cannot be reached right now.
 */
export const joinRequestSchema = z.object({
  code: z
    .string()
    .trim()
    .min(4)
    .max(16)
    .transform((code) => code.toUpperCase().replace(/[\s-]/g, '')),
  name: displayText(MAX_NAME_LENGTH),
});
export type JoinRequest = z.input<typeof joinRequestSchema>;

export const createWorkshopRequestSchema = z.object({
  title: displayText(MAX_TITLE_LENGTH),
  /** ISO date (YYYY-MM-DD) of the session, a real calendar date. */
  date: calendarDate,
  scenarioId: z.string().min(1),
  groups: z.number().int().min(1).max(30).optional(),
});
export type CreateWorkshopRequest = z.input<typeof createWorkshopRequestSchema>;

export const lockRequestSchema = z.object({
  /** null = every group of the workshop. */
  groupId: z.string().nullable(),
  locked: z.boolean(),
});
export type LockRequest = z.infer<typeof lockRequestSchema>;

export const WORKSHOP_STATUSES = ['active', 'archived'] as const;
export type WorkshopStatus = (typeof WORKSHOP_STATUSES)[number];
export const statusRequestSchema = z.object({ status: z.enum(WORKSHOP_STATUSES) });

/** Moves the room to an agenda phase; its `participants` access applies on every board. */
export const phaseRequestSchema = z.object({ phaseIndex: z.number().int().min(0) });
export type PhaseRequest = z.infer<typeof phaseRequestSchema>;

/** Workshop settings the instructor may change while it runs. */
export const settingsRequestSchema = z.object({
  /** Participants may download their own group's security standard and SoA. */
  takeHome: z.boolean(),
});
export type SettingsRequest = z.infer<typeof settingsRequestSchema>;

/** Ready check: a group marks itself 「完了」 or takes it back. */
export const doneRequestSchema = z.object({ done: z.boolean() });
export type DoneRequest = z.infer<typeof doneRequestSchema>;

/** The body of PUT /api/scenarios/:id: the new scenario and the version it was based on. */
export const updateScenarioRequestSchema = z.object({
  scenario: z.unknown(),
  version: z.number().int().min(1),
});
export type UpdateScenarioRequest = z.infer<typeof updateScenarioRequestSchema>;

/** Duplicating keeps everything but the id (and says "copy" in the titles). */
export const duplicateScenarioRequestSchema = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9-]{0,63}$/)
    .optional(),
});
export type DuplicateScenarioRequest = z.infer<typeof duplicateScenarioRequestSchema>;

export const revokeRequestSchema = z.object({
  /** Revoke every participant token of one group (also rotates nothing) or one token id. */
  groupId: z.string().optional(),
  jti: z.string().optional(),
});

export const EXPORT_KINDS = ['security-standard', 'soa', 'report', 'backup'] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];
export const EXPORT_FORMATS = ['csv', 'xlsx', 'md', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export interface GroupInfo {
  id: string;
  name: string;
  code: string;
  locked: boolean;
  /** The group marked itself 「完了」 (ready check). */
  done: boolean;
  joinUrl: string;
}

export interface WorkshopInfo {
  id: string;
  title: string;
  date: string;
  scenarioId: string;
  scenarioVersion: number;
  /** The agenda phase the instructor moved the room to. */
  phaseIndex: number;
  takeHome: boolean;
  status: WorkshopStatus;
  createdAt: number;
  groups: GroupInfo[];
}

export interface WorkshopListResponse {
  workshops: WorkshopInfo[];
}

export interface CreateWorkshopResponse {
  workshop: WorkshopInfo;
  instructorToken: string;
  instructorUrl: string;
}

export interface TokenResponse {
  token: string;
  expiresAt: number;
}

export interface JoinResponse extends TokenResponse {
  workshopId: string;
  groupId: string;
  groupName: string;
  role: Role;
  workshopTitle: string;
  scenarioId: string;
}

export interface ScenarioSummary {
  id: string;
  title_ja: string;
  title_en: string;
  groups: number;
  theme: Scenario['theme'];
  assets: number;
  /** Built-in (shipped), file (DATA_DIR/scenarios) or studio (editable, versioned). */
  source: 'built-in' | 'file' | 'studio';
  version: number;
  sample: boolean;
}

/** GET /api/scenarios/:id (organiser): the full scenario with its version, for the studio. */
export interface ScenarioDetailResponse {
  scenario: Scenario;
  version: number;
  source: ScenarioSummary['source'];
}

export interface ApiError {
  error: { code: string; message: string };
}

/** Error code of a 503 answered while the store (database) is unreachable. */
export const STORE_UNAVAILABLE_CODE = 'store-unavailable';
/**
 * Retry-After of that 503, seconds. 5 s: the server notices the database is back within about a
 * second (docs/scale-out.md), so a retry 5 s later usually succeeds, and a room full of phones
 * retrying does not hammer a database that is still recovering.
 */
export const STORE_RETRY_AFTER_SECONDS = 5;

export interface ScenarioListResponse {
  scenarios: ScenarioSummary[];
}
