import * as Y from 'yjs';
import {
  boardDocName,
  groupIdFor,
  initBoard,
  initialTimer,
  newId,
  workshopDocName,
  writeTimer,
  type GroupInfo,
  type Scenario,
  type WorkshopInfo,
} from '@isms/shared';
import { formatJoinCode, uniqueJoinCode } from '../auth/joinCodes';
import type { GroupRecord, WorkshopRecord, WorkshopRegistry } from '../registry/types';
import type { DocStore } from '../store/types';

/**
 * Creating workshops and describing them to the client. A new workshop gets one board per
 * group, initialised through `initBoard` and stored before the workshop is registered, so a
 * participant who joins at once syncs an initialised board.
 */
/** Group names as the seminar says them: "グループ1" … */
export function groupName(index: number): string {
  return `グループ${index + 1}`;
}

/** The client route /join/:code (what the QR codes encode). */
export function joinUrl(base: string, code: string): string {
  return `${base}/join/${encodeURIComponent(formatJoinCode(code))}`;
}

export function toGroupInfo(base: string, group: GroupRecord): GroupInfo {
  return {
    id: group.id,
    name: group.name,
    code: formatJoinCode(group.code),
    locked: group.locked,
    done: group.done,
    joinUrl: joinUrl(base, group.code),
  };
}

export function toWorkshopInfo(base: string, workshop: WorkshopRecord): WorkshopInfo {
  return {
    id: workshop.id,
    title: workshop.title,
    date: workshop.date,
    scenarioId: workshop.scenario.id,
    scenarioVersion: workshop.scenarioVersion,
    phaseIndex: workshop.phaseIndex,
    takeHome: workshop.takeHome,
    status: workshop.status,
    createdAt: workshop.createdAt,
    groups: workshop.groups.map((group) => toGroupInfo(base, group)),
  };
}

/** A join code not used by any workshop (nor by `alsoTaken`, codes drawn in this request). */
export async function freshJoinCode(
  registry: WorkshopRegistry,
  alsoTaken: Set<string> = new Set(),
): Promise<string> {
  for (;;) {
    const code = uniqueJoinCode((candidate) => alsoTaken.has(candidate));
    if (!(await registry.findByCode(code))) {
      alsoTaken.add(code);
      return code;
    }
  }
}

export function initialBoardState(workshopId: string, groupId: string, scenarioId: string) {
  const doc = new Y.Doc();
  try {
    initBoard(doc, { workshopId, groupId, scenarioId });
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

/** The workshop doc starts with the scenario's first phase on the clock, paused. */
export function initialWorkshopState(scenario: Scenario): Uint8Array {
  const doc = new Y.Doc();
  try {
    writeTimer(doc, initialTimer(scenario.schedule));
    return Y.encodeStateAsUpdate(doc);
  } finally {
    doc.destroy();
  }
}

export interface NewWorkshop {
  title: string;
  date: string;
  scenario: Scenario;
  /** The version of `scenario` (1 for built-ins and files). */
  scenarioVersion: number;
  groups: number;
}

export async function createWorkshop(
  registry: WorkshopRegistry,
  store: DocStore,
  input: NewWorkshop,
): Promise<WorkshopRecord> {
  const id = newId(12);
  const taken = new Set<string>();
  const groups: GroupRecord[] = [];
  for (let index = 0; index < input.groups; index += 1) {
    groups.push({
      id: groupIdFor(index),
      name: groupName(index),
      code: await freshJoinCode(registry, taken),
      generation: 0,
      locked: false,
      done: false,
    });
  }
  for (const group of groups) {
    await store.append(
      boardDocName(id, group.id),
      initialBoardState(id, group.id, input.scenario.id),
    );
  }
  await store.append(workshopDocName(id), initialWorkshopState(input.scenario));
  const record: WorkshopRecord = {
    id,
    title: input.title,
    date: input.date,
    scenario: input.scenario,
    scenarioVersion: input.scenarioVersion,
    phaseIndex: 0,
    takeHome: false,
    status: 'active',
    createdAt: Date.now(),
    groups,
  };
  await registry.create(record);
  return record;
}
