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
  /** The group marked itself 「完了」 (ready check); it can take it back. */
  done: boolean;
}

export interface WorkshopRecord {
  id: string;
  title: string;
  date: string;
  /** The scenario snapshot the workshop was created from (custom scenarios may change later). */
  scenario: Scenario;
  /** Which version of the scenario the snapshot is (1 for built-ins and DATA_DIR files). */
  scenarioVersion: number;
  /**
   * The agenda phase the instructor moved the room to (index into scenario.schedule). Its
   * `participants` access is enforced on every board write.
   */
  phaseIndex: number;
  /** Participants may download their own group's results (off by default). */
  takeHome: boolean;
  status: WorkshopStatus;
  createdAt: number;
  groups: GroupRecord[];
}

/** One saved version of an organiser's scenario (the studio's scenarios, not built-ins). */
export interface StoredScenario {
  id: string;
  /** 1 for the first save, +1 on every update; never reused, even after a delete. */
  version: number;
  scenario: Scenario;
  savedAt: number;
}

/** Thrown when a save names a version that is no longer the latest (someone saved meanwhile). */
export class ScenarioVersionConflict extends Error {
  constructor(
    readonly id: string,
    readonly currentVersion: number | null,
  ) {
    super(
      currentVersion === null
        ? `scenario "${id}" does not exist`
        : `scenario "${id}" is at version ${currentVersion}`,
    );
  }
}

/**
 * Organisers' scenarios, versioned: every save is a new row; a workshop snapshots the version
 * it was created from, so editing or deleting a scenario never changes a past workshop.
 */
export interface ScenarioStore {
  /** The latest version of every scenario not deleted, by id. */
  list(): Promise<StoredScenario[]>;
  get(id: string): Promise<StoredScenario | null>;
  getVersion(id: string, version: number): Promise<StoredScenario | null>;
  /**
   * Saves a new version. `expectedVersion` null creates (conflict if the id is live);
   * a number updates only if it is still the latest (optimistic concurrency).
   */
  save(scenario: Scenario, expectedVersion: number | null): Promise<StoredScenario>;
  /** Hides the scenario; its versions stay for the record. False if there was none. */
  delete(id: string): Promise<boolean>;
}

export interface WorkshopRegistry {
  readonly scenarios: ScenarioStore;
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
