import * as Y from 'yjs';
import { type Scenario, boardDocName, workshopDocName } from '@isms/shared';
import type { BoardSession } from '../join/session';
import { BoardActions } from './actions';
import { BoardStore } from './boardStore';
import { WorkshopStore } from './workshopStore';
import { Connection } from '../sync/connection';
import { PresenceStore } from '../sync/presence';

/**
 * Everything one open board owns: the two documents (the group board and the workshop-wide
 * timer doc), their connections, and the stores the view reads. destroy() mirrors setup.
 */
export class BoardRuntime {
  readonly doc = new Y.Doc();
  readonly workshopDoc = new Y.Doc();
  readonly connection: Connection;
  readonly workshopConnection: Connection;
  readonly store: BoardStore;
  readonly workshop: WorkshopStore;
  readonly actions: BoardActions;
  readonly presence: PresenceStore;

  constructor(
    readonly session: BoardSession,
    readonly scenario: Scenario,
  ) {
    this.store = new BoardStore(this.doc, scenario);
    this.actions = new BoardActions(this.doc, scenario, session.name);
    this.connection = new Connection({
      docName: boardDocName(session.workshopId, session.groupId),
      token: session.token,
      doc: this.doc,
      persist: true,
    });
    this.presence = new PresenceStore(this.connection.provider.awareness, { name: session.name });
    this.workshop = new WorkshopStore(this.workshopDoc, scenario.schedule);
    // The workshop doc is read-only here and rebuilt from the server on every visit.
    this.workshopConnection = new Connection({
      docName: workshopDocName(session.workshopId),
      token: session.token,
      doc: this.workshopDoc,
      persist: false,
    });
  }

  destroy(): void {
    this.presence.destroy();
    this.connection.destroy();
    this.workshopConnection.destroy();
    this.actions.destroy();
    this.store.destroy();
    this.workshop.destroy();
    this.doc.destroy();
    this.workshopDoc.destroy();
  }
}
