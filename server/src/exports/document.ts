import {
  type ExportDocument,
  type GroupBoard,
  buildExportDocument as buildSharedDocument,
  readBoard,
} from '@isms/shared';
import type { ExportInput } from './types';

/** Reads every selected board once; the single input of the shared document builder. */
function groupBoards(input: ExportInput): GroupBoard[] {
  const boards =
    input.groupId === null ? input.boards : input.boards.filter((b) => b.groupId === input.groupId);
  if (input.groupId !== null && boards.length === 0) {
    throw new Error(`group "${input.groupId}" is not part of workshop ${input.workshop.id}`);
  }
  return boards.map((b) => ({
    groupId: b.groupId,
    groupName: b.groupName,
    board: readBoard(b.doc),
  }));
}

/** One file's document: the shared builder (the print page's too) over the stored boards. */
export function buildExportDocument(input: ExportInput): ExportDocument {
  return buildSharedDocument({
    kinds: [input.kind],
    lang: input.lang,
    scenario: input.workshop.scenario,
    workshop: input.workshop,
    groups: groupBoards(input),
    scope: input.groupId === null ? 'workshop' : 'group',
  });
}
