import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from 'pino';
import { BUILT_IN_SCENARIOS, parseScenario, type Scenario } from '@isms/shared';

/**
 * The scenarios an organiser can create workshops from: the built-ins plus every valid
 * `DATA_DIR/scenarios/*.json` (docs/scenario-format.md). A scenario is data, not code: an
 * invalid file is reported with its field and reason and skipped, never fatal, so one typo
 * does not keep the venue's server from starting.
 */
export interface ScenarioFileProblem {
  file: string;
  message: string;
}

export class ScenarioLibrary {
  private readonly byId: Map<string, Scenario>;

  constructor(
    scenarios: readonly Scenario[],
    readonly problems: readonly ScenarioFileProblem[] = [],
  ) {
    this.byId = new Map(scenarios.map((scenario) => [scenario.id, scenario]));
  }

  all(): Scenario[] {
    return [...this.byId.values()];
  }

  find(id: string): Scenario | undefined {
    return this.byId.get(id);
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

export async function loadScenarioLibrary(dataDir: string, log?: Logger): Promise<ScenarioLibrary> {
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
  return new ScenarioLibrary(scenarios, problems);
}
