import type { HistoryVersionInfo } from '@isms/shared';
import type { HistoryStore, NewVersion, StoredVersion } from './types';

/** In-memory HistoryStore for unit tests; the same contract as the real ones. */
export class MemoryHistoryStore implements HistoryStore {
  private readonly versions = new Map<string, StoredVersion[]>();
  private nextId = 1;

  async add(docName: string, version: NewVersion): Promise<number> {
    const id = this.nextId++;
    const list = this.versions.get(docName) ?? [];
    list.push({
      info: {
        id,
        at: version.at,
        reason: version.reason,
        editors: [...version.editors],
        bytes: version.state.byteLength,
      },
      state: version.state.slice(),
    });
    this.versions.set(docName, list);
    return id;
  }

  async list(docName: string): Promise<HistoryVersionInfo[]> {
    return (this.versions.get(docName) ?? [])
      .map((version) => ({ ...version.info, editors: [...version.info.editors] }))
      .sort((a, b) => a.at - b.at || a.id - b.id);
  }

  async get(docName: string, id: number): Promise<StoredVersion | null> {
    return this.versions.get(docName)?.find((version) => version.info.id === id) ?? null;
  }

  async remove(docName: string, ids: number[]): Promise<void> {
    const drop = new Set(ids);
    const list = this.versions.get(docName);
    if (list) {
      this.versions.set(
        docName,
        list.filter((version) => !drop.has(version.info.id)),
      );
    }
  }

  async deletePrefix(prefix: string): Promise<void> {
    for (const name of [...this.versions.keys()]) {
      if (name.startsWith(prefix)) this.versions.delete(name);
    }
  }

  async bytes(prefix: string): Promise<number> {
    let total = 0;
    for (const [name, list] of this.versions) {
      if (name.startsWith(prefix)) for (const version of list) total += version.state.byteLength;
    }
    return total;
  }

  async close(): Promise<void> {}
}
