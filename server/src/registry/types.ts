import type { Scenario, WorkshopStatus } from '@isms/shared';

/**
 * The workshop registry: workshops, groups, join codes, locks and revocations. The server's
 * source of truth for authorisation (the lock flag in a board's meta only mirrors it).
 * SQLite and PostgreSQL implement it; every method is async so both can.
 */
export interface GroupRecord {
  id: string;
  name: string;
  /** Current join code (normalised upper case). */
  code: string;
  /** Bumped on rotate/revoke: participant tokens with an older `gen` are rejected. */
  generation: number;
  locked: boolean;
}

export interface WorkshopRecord {
  id: string;
  title: string;
  date: string;
  /** The scenario snapshot the workshop was created from (custom scenarios may change later). */
  scenario: Scenario;
  status: WorkshopStatus;
  createdAt: number;
  groups: GroupRecord[];
}

export interface WorkshopRegistry {
  create(workshop: WorkshopRecord): Promise<void>;
  get(workshopId: string): Promise<WorkshopRecord | null>;
  list(): Promise<WorkshopRecord[]>;
  findByCode(code: string): Promise<{ workshop: WorkshopRecord; group: GroupRecord } | null>;
  /** Read-modify-write in one transaction (PostgreSQL: SELECT … FOR UPDATE). */
  update(
    workshopId: string,
    mutate: (workshop: WorkshopRecord) => WorkshopRecord,
  ): Promise<WorkshopRecord | null>;
  delete(workshopId: string): Promise<void>;
  revokeToken(jti: string, expiresAt: number): Promise<void>;
  isRevoked(jti: string): Promise<boolean>;
  close(): Promise<void>;
}
