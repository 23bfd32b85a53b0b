import {
  BODY_LIMITS,
  duplicateScenarioRequestSchema,
  parseScenario,
  updateScenarioRequestSchema,
  type Scenario,
  type ScenarioDetailResponse,
  type ScenarioListResponse,
  type ScenarioSummary,
} from '@isms/shared';
import { HttpError, readJson, sendJson } from '../http/respond';
import { ScenarioVersionConflict, type ScenarioStore } from '../registry/types';
import type { LibraryScenario } from '../scenarios/library';
import { requireOrganiser } from './auth';
import { route, type RequestContext, type Route } from './context';
import { attachment } from './download';
import { parseBody } from './publicRoutes';

/**
 * The scenario studio's API (docs/scenario-format.md): list (public, for the create form),
 * read, create, import, duplicate, update, delete and export as the documented scenario JSON.
 * Every write is validated by the same zod schema the client's form uses; an error names the
 * field. Built-in and DATA_DIR scenarios are read-only (duplicate them to edit). Saves are
 * versioned: a workshop keeps the version it was created from.
 */
/** Longest id suffix search on import/duplicate ("-2" … "-99"); beyond it, give an id. */
const MAX_ID_SUFFIX = 99;
/** Scenario ids are at most 64 characters (the schema's slug). */
const MAX_ID_LENGTH = 64;

function summary(entry: LibraryScenario): ScenarioSummary {
  const { scenario } = entry;
  return {
    id: scenario.id,
    title_ja: scenario.title_ja,
    title_en: scenario.title_en,
    groups: scenario.groups,
    theme: scenario.theme,
    assets: scenario.assets.length,
    source: entry.source,
    version: entry.version,
    sample: scenario.sample === true,
  };
}

function detail(entry: LibraryScenario): ScenarioDetailResponse {
  return { scenario: entry.scenario, version: entry.version, source: entry.source };
}

function validScenario(input: unknown): Scenario {
  const parsed = parseScenario(input);
  if (!parsed.ok) throw new HttpError(400, 'invalid-scenario', parsed.message);
  return parsed.scenario;
}

function studioStore(context: RequestContext): ScenarioStore {
  const { store } = context.deps.scenarios;
  if (!store) throw new HttpError(503, 'no-scenario-store', 'scenarios cannot be stored here');
  return store;
}

async function found(context: RequestContext): Promise<LibraryScenario> {
  const entry = await context.deps.scenarios.find(context.params.id!);
  if (!entry) throw new HttpError(404, 'unknown-scenario', `no scenario "${context.params.id}"`);
  return entry;
}

async function idTaken(context: RequestContext, id: string): Promise<boolean> {
  return (await context.deps.scenarios.find(id)) !== undefined;
}

/** `base`, or `base-2`, `base-3` … — the first id no scenario uses. */
async function freeId(context: RequestContext, base: string): Promise<string> {
  if (!(await idTaken(context, base))) return base;
  for (let n = 2; n <= MAX_ID_SUFFIX; n += 1) {
    const suffix = `-${n}`;
    const candidate = `${base.slice(0, MAX_ID_LENGTH - suffix.length)}${suffix}`;
    if (!(await idTaken(context, candidate))) return candidate;
  }
  throw new HttpError(409, 'scenario-exists', `no free id near "${base}"; choose another id`);
}

async function createStudio(context: RequestContext, scenario: Scenario): Promise<void> {
  try {
    const saved = await studioStore(context).save(scenario, null);
    sendJson(
      context.res,
      201,
      detail({ scenario: saved.scenario, version: saved.version, source: 'studio' }),
    );
  } catch (error) {
    if (error instanceof ScenarioVersionConflict)
      throw new HttpError(409, 'scenario-exists', `id: "${scenario.id}" is already used`);
    throw error;
  }
}

async function list(context: RequestContext): Promise<void> {
  const body: ScenarioListResponse = {
    scenarios: (await context.deps.scenarios.all()).map(summary),
  };
  sendJson(context.res, 200, body);
}

async function read(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  sendJson(context.res, 200, detail(await found(context)));
}

async function exportJson(context: RequestContext): Promise<void> {
  // A download (a link): the one organiser route that takes a query token.
  await requireOrganiser(context, { allowQueryToken: true });
  const { scenario } = await found(context);
  const name = `${scenario.id}.json`;
  sendJson(context.res, 200, scenario, { 'content-disposition': attachment(name, name) });
}

async function create(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const scenario = validScenario(await readJson(context.req, BODY_LIMITS.large));
  if (await idTaken(context, scenario.id))
    throw new HttpError(409, 'scenario-exists', `id: "${scenario.id}" is already used`);
  await createStudio(context, scenario);
}

/** Like create, but a file exported from another server may reuse an id: it gets a suffix. */
async function importScenario(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const scenario = validScenario(await readJson(context.req, BODY_LIMITS.large));
  await createStudio(context, { ...scenario, id: await freeId(context, scenario.id) });
}

async function duplicate(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const request = parseBody(
    duplicateScenarioRequestSchema,
    await readJson(context.req, BODY_LIMITS.large),
  );
  const { scenario } = await found(context);
  const id = request.id ?? (await freeId(context, `${scenario.id.slice(0, 59)}-copy`));
  if (request.id && (await idTaken(context, request.id)))
    throw new HttpError(409, 'scenario-exists', `id: "${request.id}" is already used`);
  const { sample: _sample, ...rest } = scenario;
  await createStudio(context, {
    ...rest,
    id,
    title_ja: `${scenario.title_ja}（コピー）`.slice(0, 200),
    title_en: `${scenario.title_en} (copy)`.slice(0, 200),
  });
}

async function update(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const id = context.params.id!;
  if (context.deps.scenarios.isFixed(id))
    throw new HttpError(
      409,
      'read-only-scenario',
      'built-in and file scenarios are read-only; duplicate it',
    );
  const request = parseBody(
    updateScenarioRequestSchema,
    await readJson(context.req, BODY_LIMITS.large),
  );
  const scenario = validScenario(request.scenario);
  if (scenario.id !== id)
    throw new HttpError(400, 'invalid-scenario', `id: must stay "${id}" (duplicate to change it)`);
  try {
    const saved = await studioStore(context).save(scenario, request.version);
    sendJson(
      context.res,
      200,
      detail({ scenario: saved.scenario, version: saved.version, source: 'studio' }),
    );
  } catch (error) {
    if (!(error instanceof ScenarioVersionConflict)) throw error;
    if (error.currentVersion === null)
      throw new HttpError(404, 'unknown-scenario', `no scenario "${id}"`);
    throw new HttpError(409, 'version-conflict', `${error.message}; reload and edit again`);
  }
}

async function remove(context: RequestContext): Promise<void> {
  await requireOrganiser(context);
  const id = context.params.id!;
  if (context.deps.scenarios.isFixed(id))
    throw new HttpError(409, 'read-only-scenario', 'built-in and file scenarios cannot be deleted');
  if (!(await studioStore(context).delete(id)))
    throw new HttpError(404, 'unknown-scenario', `no scenario "${id}"`);
  context.res.writeHead(204).end();
}

export const scenarioRoutes: Route[] = [
  route('GET', '/api/scenarios', list),
  route('POST', '/api/scenarios', create),
  route('POST', '/api/scenarios/import', importScenario),
  route('GET', '/api/scenarios/:id', read),
  route('GET', '/api/scenarios/:id/export', exportJson),
  route('POST', '/api/scenarios/:id/duplicate', duplicate),
  route('PUT', '/api/scenarios/:id', update),
  route('DELETE', '/api/scenarios/:id', remove),
];
