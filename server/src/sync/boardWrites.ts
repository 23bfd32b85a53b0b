import * as Y from 'yjs';
import {
  BoardRoot,
  DenyReason,
  INSTRUCTOR_ONLY_ROOTS,
  MAX_CARDS_PER_ASSET,
  MAX_NOTE_LENGTH,
  MAX_NOTE_TOTAL_LENGTH,
  PARTICIPANT_ROOTS,
  fieldDenial,
  parseSlot,
  recordDenial,
  rootKeyDenial,
  type Scenario,
} from '@isms/shared';

/**
 * The board schema checked on a participant's write, inside the transaction that applied it
 * to the room's shadow document (shadowDoc.ts) and before the room's real document sees it.
 * Every new item is located by its integrated parent chain — Yjs resolved it, nothing is
 * "unknown, so allowed" — and checked against the rules in shared/src/board/writeRules.ts;
 * every deletion is checked for ownership; then the notes and lanes it touched are counted.
 */

/** Boards nest two levels (root → record → field); deeper chains are refused, not walked. */
const MAX_DEPTH = 8;

/** The path of a type: root name, then the map key of each nested level ('' in a sequence). */
function pathOf(type: Y.AbstractType<unknown>, rootNames: Map<unknown, string>): string[] | null {
  const keys: string[] = [];
  let current = type;
  while (current._item !== null) {
    if (keys.length >= MAX_DEPTH) return null;
    keys.push(current._item.parentSub ?? '');
    current = current._item.parent as Y.AbstractType<unknown>;
  }
  const root = rootNames.get(current);
  if (root === undefined) return null;
  keys.push(root);
  return keys.reverse();
}

function rootNamesOf(doc: Y.Doc): Map<unknown, string> {
  const names = new Map<unknown, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  return names;
}

const isText = (content: Y.Item['content']) =>
  content instanceof Y.ContentType && content.type instanceof Y.Text;
const isMap = (content: Y.Item['content']) =>
  content instanceof Y.ContentType && content.type instanceof Y.Map;

/** A root-level entry: `<root>[key] = record`. */
function entryDenial(scenario: Scenario, root: string, item: Y.Item): DenyReason | null {
  if (item.parentSub === null) return DenyReason.invalidStructure; // a sequence in a map root
  const deleted = item.content instanceof Y.ContentDeleted;
  const shaped = root === BoardRoot.notes ? isText(item.content) : isMap(item.content);
  if (!deleted && !shaped) return DenyReason.invalidStructure;
  return rootKeyDenial(scenario, root, item.parentSub);
}

/** Content of a record: a note's characters, or one field of a card, link or SoA entry. */
function recordContentDenial(path: string[], item: Y.Item): DenyReason | null {
  const [root, key] = path as [string, string];
  const { content } = item;
  if (root === BoardRoot.notes) {
    if (item.parentSub !== null) return DenyReason.invalidStructure;
    return content instanceof Y.ContentString || content instanceof Y.ContentDeleted
      ? null
      : DenyReason.invalidStructure;
  }
  if (item.parentSub === null) return DenyReason.invalidStructure;
  if (content instanceof Y.ContentDeleted) return null;
  if (!(content instanceof Y.ContentAny) || content.arr.length !== 1) {
    return DenyReason.invalidStructure;
  }
  return fieldDenial(root, key, item.parentSub, content.arr[0]);
}

function itemDenial(
  scenario: Scenario,
  item: Y.Item,
  rootNames: Map<unknown, string>,
): DenyReason | null {
  const path = pathOf(item.parent as Y.AbstractType<unknown>, rootNames);
  if (path === null) return DenyReason.invalidStructure;
  const root = path[0]!;
  if (INSTRUCTOR_ONLY_ROOTS.has(root)) return DenyReason.instructorOnly;
  if (!PARTICIPANT_ROOTS.has(root)) return DenyReason.invalidStructure;
  if (path.length === 1) return entryDenial(scenario, root, item);
  if (path.length === 2) return recordContentDenial(path, item);
  return DenyReason.invalidStructure;
}

/** What the write touched that is counted after all items were checked. */
interface Touched {
  /** Notes that gained characters, with the writers (client ids) that added them. */
  notes: Map<Y.Text, Set<number>>;
  /** Records newly set at a root key (checked for completeness). */
  records: { root: string; map: Y.Map<unknown> }[];
  /** Assets that gained a card, with the writers that added them. */
  lanes: Map<string, Set<number>>;
}

function addTo<K>(map: Map<K, Set<number>>, key: K, client: number) {
  const set = map.get(key) ?? new Set<number>();
  set.add(client);
  map.set(key, set);
}

function noteTouch(item: Y.Item, touched: Touched) {
  if (!(item.content instanceof Y.ContentString) || item.deleted) return;
  addTo(touched.notes, item.parent as Y.Text, item.id.client);
}

function entryTouch(root: string, item: Y.Item, touched: Touched) {
  if (item.deleted || !(item.content instanceof Y.ContentType)) return;
  const map = item.content.type;
  if (!(map instanceof Y.Map)) return;
  touched.records.push({ root, map: map as Y.Map<unknown> });
  if (root === BoardRoot.placements) {
    const slot = parseSlot(item.parentSub ?? '');
    if (slot) addTo(touched.lanes, slot.assetId, item.id.client);
  }
}

function noteDenial(text: Y.Text, writers: Set<number>): DenyReason | null {
  if (text.length > MAX_NOTE_TOTAL_LENGTH) return DenyReason.noteTooLong;
  const perWriter = new Map<number, number>();
  for (let item = text._start; item !== null; item = item.right) {
    if (item.deleted || !(item.content instanceof Y.ContentString)) continue;
    const client = item.id.client;
    if (writers.has(client)) perWriter.set(client, (perWriter.get(client) ?? 0) + item.length);
  }
  for (const count of perWriter.values())
    if (count > MAX_NOTE_LENGTH) return DenyReason.noteTooLong;
  return null;
}

function laneDenial(
  placements: Y.Map<unknown>,
  assetId: string,
  writers: Set<number>,
): DenyReason | null {
  const perWriter = new Map<number, number>();
  for (const [slot, item] of placements._map) {
    if (item.deleted || !writers.has(item.id.client)) continue;
    if (parseSlot(slot)?.assetId !== assetId) continue;
    perWriter.set(item.id.client, (perWriter.get(item.id.client) ?? 0) + 1);
  }
  for (const count of perWriter.values())
    if (count > MAX_CARDS_PER_ASSET) return DenyReason.laneFull;
  return null;
}

function newItems(doc: Y.Doc, transaction: Y.Transaction): Y.Item[] {
  const items: Y.Item[] = [];
  for (const [client, structs] of doc.store.clients) {
    const before = transaction.beforeState.get(client) ?? 0;
    if (Y.getState(doc.store, client) <= before) continue;
    for (let index = Y.findIndexSS(structs, before); index < structs.length; index += 1) {
      const struct = structs[index]!;
      if (struct instanceof Y.Item) items.push(struct);
    }
  }
  return items;
}

function deletionDenial(
  transaction: Y.Transaction,
  rootNames: Map<unknown, string>,
): DenyReason | null {
  let denial: DenyReason | null = null;
  Y.iterateDeletedStructs(transaction, transaction.deleteSet, (struct) => {
    if (denial !== null || !(struct instanceof Y.Item)) return;
    const path = pathOf(struct.parent as Y.AbstractType<unknown>, rootNames);
    if (path !== null && INSTRUCTOR_ONLY_ROOTS.has(path[0]!)) denial = DenyReason.instructorOnly;
  });
  return denial;
}

/**
 * Checks a participant's write. Call inside the transaction that applied it (nothing pending:
 * the caller checked that first); null = every rule holds.
 */
export function participantWriteDenial(
  doc: Y.Doc,
  transaction: Y.Transaction,
  scenario: Scenario,
): DenyReason | null {
  const rootNames = rootNamesOf(doc);
  const touched: Touched = { notes: new Map(), records: [], lanes: new Map() };
  for (const item of newItems(doc, transaction)) {
    const denial = itemDenial(scenario, item, rootNames);
    if (denial) return denial;
    const root = rootNames.get(item.parent);
    if (root !== undefined) entryTouch(root, item, touched);
    else if (item.parent instanceof Y.Text) noteTouch(item, touched);
  }
  const deleted = deletionDenial(transaction, rootNames);
  if (deleted) return deleted;
  for (const { root, map } of touched.records) {
    const denial = recordDenial(root, (field) => map.get(field));
    if (denial) return denial;
  }
  for (const [text, writers] of touched.notes) {
    const denial = noteDenial(text, writers);
    if (denial) return denial;
  }
  const placements = doc.getMap<unknown>(BoardRoot.placements);
  for (const [assetId, writers] of touched.lanes) {
    const denial = laneDenial(placements, assetId, writers);
    if (denial) return denial;
  }
  return null;
}
