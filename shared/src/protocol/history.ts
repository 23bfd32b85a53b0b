import { z } from 'zod';

/**
 * Board history API (instructor; the organiser may do everything an instructor may):
 *
 *   GET  /api/workshops/:id/groups/:groupId/history              → HistoryListResponse
 *   GET  /api/workshops/:id/groups/:groupId/history/:versionId   → HistoryVersionResponse
 *   POST /api/workshops/:id/groups/:groupId/history/:versionId/restore
 *                                         RestoreRequest        → RestoreResponse
 *   GET  /api/audit?workshop=<id>                                 → AuditListResponse (organiser)
 *   PUT  /api/workshops/:id/retention    RetentionRequest        → RetentionInfo    (organiser)
 *   GET  /api/workshops/:id/retention                             → RetentionInfo    (organiser)
 *
 * A version is a full encoded board state (Y.encodeStateAsUpdate), taken at a meaningful
 * moment; `reason` says which.
 */
export const HISTORY_REASONS = [
  /** Every few minutes while the board changes (HISTORY_INTERVAL_MS). */
  'periodic',
  'lock',
  'unlock',
  /** The instructor moved the workshop to another phase. */
  'phase',
  /** Just before a restore: restoring this version undoes the restore. */
  'before-restore',
  /** The board as the restore left it. */
  'restore',
  /** The room is unloaded (everyone left, or the server shuts down). */
  'unload',
] as const;
export type HistoryReason = (typeof HISTORY_REASONS)[number];

export interface HistoryVersionInfo {
  id: number;
  /** Server time the version was taken, ms since the epoch. */
  at: number;
  reason: HistoryReason;
  /** Names of the people on the board since the previous version (from awareness). */
  editors: string[];
  /** Size of the stored state, bytes. */
  bytes: number;
}

export interface HistoryListResponse {
  versions: HistoryVersionInfo[];
}

export interface HistoryVersionResponse {
  version: HistoryVersionInfo;
  /** base64 of Y.encodeStateAsUpdate of the board at that moment. */
  state: string;
}

export const restoreScopeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('board') }),
  z.object({ kind: z.literal('asset'), assetId: z.string().min(1).max(64) }),
  z.object({ kind: z.literal('note'), placementId: z.string().min(1).max(64) }),
]);

export const restoreRequestSchema = z.object({ scope: restoreScopeSchema });
export type RestoreRequest = z.infer<typeof restoreRequestSchema>;

export interface RestoreResponse {
  /** The version taken just before the restore: restoring it undoes this restore. */
  beforeRestoreId: number;
  cardsRestored: number;
  cardsRemoved: number;
  cardsMoved: number;
  notesRestored: number;
}
