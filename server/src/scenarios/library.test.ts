import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILT_IN_SCENARIOS, SEMINAR4_SCENARIO } from '@isms/shared';
import { loadScenarioLibrary } from './library';

const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function dataDirWith(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'isms-scenarios-'));
  dirs.push(dir);
  await mkdir(path.join(dir, 'scenarios'));
  for (const [name, content] of Object.entries(files)) {
    await writeFile(path.join(dir, 'scenarios', name), content);
  }
  return dir;
}

const people = {
  ...SEMINAR4_SCENARIO,
  id: 'seminar6-people',
  title_ja: '第6回：人的管理策',
  title_en: 'Workshop 6: people controls',
  theme: 'people',
  example_answer: undefined,
};

describe('scenario library', () => {
  it('offers the built-ins without a scenarios folder', async () => {
    const library = await loadScenarioLibrary(path.join(os.tmpdir(), 'does-not-exist-isms'), null);
    expect((await library.all()).map((s) => s.scenario.id)).toEqual([
      'seminar4-organizational',
      'sample-people',
      'sample-physical',
      'sample-technological',
    ]);
  });

  it('adds valid files and reports invalid ones with the field and the reason', async () => {
    const broken = { ...people, id: 'broken', controls_per_asset: 0 };
    const dir = await dataDirWith({
      'people.json': JSON.stringify(people),
      'broken.json': JSON.stringify(broken),
      'typo.json': '{ "id": ',
      'zz-copy.json': JSON.stringify({ ...people, title_en: 'copy' }),
      'notes.txt': 'ignored',
    });
    const library = await loadScenarioLibrary(dir, null);
    expect((await library.all()).map((s) => s.scenario.id)).toEqual([
      ...BUILT_IN_SCENARIOS.map((s) => s.id),
      'seminar6-people',
    ]);
    expect((await library.find('seminar6-people'))?.scenario.theme).toBe('people');
    expect((await library.find('seminar6-people'))?.source).toBe('file');
    expect((await library.find('sample-people'))?.source).toBe('built-in');
    const problems = Object.fromEntries(library.problems.map((p) => [p.file, p.message]));
    expect(problems['broken.json']).toMatch(/^controls_per_asset: /);
    expect(problems['typo.json']).toMatch(/not valid JSON/);
    expect(problems['zz-copy.json']).toMatch(/already used/);
    expect(Object.keys(problems)).toHaveLength(3);
  });
});
