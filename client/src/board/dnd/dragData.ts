/** What each draggable and droppable on the board carries in its dnd-kit `data`. */
export type DragData =
  | { kind: 'palette'; controlId: string }
  | { kind: 'card'; placementId: string; assetId: string; controlId: string };

export type DropData =
  | { kind: 'lane'; assetId: string }
  | { kind: 'card'; placementId: string; assetId: string; controlId: string }
  | { kind: 'palette' };

export const laneDropId = (assetId: string) => `lane:${assetId}`;
export const paletteDragId = (controlId: string) => `palette:${controlId}`;
export const PALETTE_DROP_ID = 'palette-drop';

export function dropAssetId(data: DropData | undefined): string | null {
  return data && data.kind !== 'palette' ? data.assetId : null;
}
