import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import {
  BUILT_IN_SCENARIOS,
  isBuiltInScenarioId,
  parseScenario,
  type Scenario,
} from '@isms/shared';
import type { ScenarioStore } from '../registry/types';

/**
 * The scenarios an organiser can create workshops from: the built-ins, every valid
 * `DATA_DIR/scenarios/*.json` (docs/scenario-format.md) — both read-only, version 1 — and the
 * scenarios written in the studio, kept versioned in the registry's ScenarioStore. A scenario
 * is data, not code: an invalid file is reported with its field and reason and skipped, never
 * fatal, so one typo does not keep the venue's server from starting.
 */
export interface ScenarioFileProblem {
  file: string;
  message: string;
}

export type ScenarioSource = 'built-in' | 'file' | 'studio';

export interface LibraryScenario {
  scenario: Scenario;
  version: number;
  source: ScenarioSource;
}

export class ScenarioLibrary {
  private readonly fixed: Map<string, LibraryScenario>;

  constructor(
    fixed: readonly LibraryScenario[],
    readonly store: ScenarioStore | null,
    readonly problems: readonly ScenarioFileProblem[] = [],
  ) {
    this.fixed = new Map(fixed.map((entry) => [entry.scenario.id, entry]));
  }

  /** Built-ins and files first (in load order), then the studio's scenarios by id. */
  async all(): Promise<LibraryScenario[]> {
    const stored = this.store ? await this.store.list() : [];
    return [
      ...this.fixed.values(),
      ...stored
        .filter((entry) => !this.fixed.has(entry.id))
        .map((entry) => ({
          scenario: entry.scenario,
          version: entry.version,
          source: 'studio' as const,
        })),
    ];
  }

  async find(id: string): Promise<LibraryScenario | undefined> {
    const fixed = this.fixed.get(id);
    if (fixed) return fixed;
    const stored = await this.store?.get(id);
    return stored
      ? { scenario: stored.scenario, version: stored.version, source: 'studio' }
      : undefined;
  }

  /** Built-in and file scenarios cannot be edited or deleted; their ids stay reserved. */
  isFixed(id: string): boolean {
    return this.fixed.has(id);
  }
}

async function readScenarioFile(file: string): Promise<Scenario | string> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    return `not valid JSON: ${(error as Error).message}`;
  }
  const parsed = parseScenario(json);
  return parsed.ok ? parsed.scenario : parsed.message;
}

export async function loadScenarioLibrary(
  dataDir: string,
  store: ScenarioStore | null,
  log?: Logger,
): Promise<ScenarioLibrary> {
  const folder = path.join(dataDir, 'scenarios');
  const files = await readdir(folder).catch(() => [] as string[]);
  const scenarios: Scenario[] = [...BUILT_IN_SCENARIOS];
  const problems: ScenarioFileProblem[] = [];
  for (const name of files.filter((file) => file.endsWith('.json')).sort()) {
    const result = await readScenarioFile(path.join(folder, name));
    if (typeof result === 'string') {
      problems.push({ file: name, message: result });
    } else if (scenarios.some((scenario) => scenario.id === result.id)) {
      problems.push({
        file: name,
        message: `id: "${result.id}" is already used by another scenario`,
      });
    } else {
      scenarios.push(result);
    }
  }
  for (const problem of problems) {
    log?.error(
      { file: path.join(folder, problem.file), reason: problem.message },
      'scenario file skipped',
    );
  }
  const fixed = scenarios.map((scenario) => ({
    scenario,
    version: 1,
    source: isBuiltInScenarioId(scenario.id) ? ('built-in' as const) : ('file' as const),
  }));
  return new ScenarioLibrary(fixed, store, problems);
}
