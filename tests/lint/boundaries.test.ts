import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

/**
 * Every boundary eslint.config.js claims to enforce, probed with in-memory code placed (by its
 * file path) where the rule applies. Each probe must fail lint with the named rule; the control
 * probes prove the same code is fine where it belongs, so a rule that fires everywhere fails too.
 */
const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: repoRoot });
});

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((message) => message.ruleId ?? `fatal: ${message.message}`);
}

const SHARED = 'shared/src/board/probe.ts';
const VIEW = 'client/src/board/Probe.tsx';
const INSTRUCTOR_VIEW = 'client/src/instructor/Probe.tsx';
const STATE = 'client/src/store/probe.ts';

describe('shared/ stays platform- and framework-free', () => {
  it.each([
    ['a bare Node built-in', "import fs from 'fs';\nexport const x = fs;\n"],
    [
      'a node: built-in',
      "import { readFile } from 'node:fs/promises';\nexport const x = readFile;\n",
    ],
    ['a Node built-in subpath', "import { join } from 'path/posix';\nexport const x = join;\n"],
    ['React', "import { useState } from 'react';\nexport const x = useState;\n"],
    ['react-dom', "import { createRoot } from 'react-dom/client';\nexport const x = createRoot;\n"],
    [
      'y-websocket',
      "import { WebsocketProvider } from 'y-websocket';\nexport const x = WebsocketProvider;\n",
    ],
    [
      'server code by path',
      "import { x } from '../../../server/src/config';\nexport const y = x;\n",
    ],
    ['the server package', "import { x } from '@isms/server';\nexport const y = x;\n"],
    [
      'client code',
      "import { x } from '../../../client/src/store/actions';\nexport const y = x;\n",
    ],
    ['a server-only package', "import pino from 'pino';\nexport const x = pino;\n"],
  ])('refuses %s', async (_name, code) => {
    expect(await ruleIds(SHARED, code)).toEqual(['no-restricted-imports']);
  });

  it.each([
    ['Buffer', "export const bytes = Buffer.from('x');\n"],
    ['process', 'export const level = process.env.LEVEL;\n'],
    ['window', 'export const width = window.innerWidth;\n'],
  ])('refuses the platform global %s', async (_name, code) => {
    expect(await ruleIds(SHARED, code)).toEqual(['no-restricted-globals']);
  });

  it('accepts yjs and web-standard APIs (control)', async () => {
    const code =
      "import * as Y from 'yjs';\nexport const doc = new Y.Doc();\nexport const bytes = globalThis.crypto.getRandomValues(new Uint8Array(1));\n";
    expect(await ruleIds(SHARED, code)).toEqual([]);
  });
});

describe('the client never imports the server', () => {
  it.each([
    [
      'server code by path',
      "import { x } from '../../../server/src/config';\nexport const y = x;\n",
    ],
    ['the server package', "import { x } from '@isms/server';\nexport const y = x;\n"],
    ['pino', "import pino from 'pino';\nexport const x = pino;\n"],
    ['better-sqlite3', "import Database from 'better-sqlite3';\nexport const x = Database;\n"],
    ['pg', "import pg from 'pg';\nexport const x = pg;\n"],
    ['ioredis', "import Redis from 'ioredis';\nexport const x = Redis;\n"],
    ['ws', "import { WebSocketServer } from 'ws';\nexport const x = WebSocketServer;\n"],
    ['exceljs', "import ExcelJS from 'exceljs';\nexport const x = ExcelJS;\n"],
    ['a Node built-in', "import fs from 'node:fs';\nexport const x = fs;\n"],
  ])('refuses %s, in state code and in views', async (_name, code) => {
    expect(await ruleIds(STATE, code)).toEqual(['no-restricted-imports']);
    expect(await ruleIds(VIEW, code)).toEqual(['no-restricted-imports']);
  });
});

describe('views never import yjs', () => {
  const code = "import * as Y from 'yjs';\nexport const doc = new Y.Doc();\n";

  it('refuses yjs in participant and instructor views', async () => {
    expect(await ruleIds(VIEW, code)).toEqual(['no-restricted-imports']);
    expect(await ruleIds(INSTRUCTOR_VIEW, code)).toEqual(['no-restricted-imports']);
    expect(await ruleIds('client/src/presentation/Probe.tsx', code)).toEqual([
      'no-restricted-imports',
    ]);
  });

  it('accepts yjs in the state layer and in the note binding, its one exception (control)', async () => {
    expect(await ruleIds(STATE, code)).toEqual([]);
    expect(await ruleIds('client/src/sync/probe.ts', code)).toEqual([]);
    expect(await ruleIds('client/src/board/notes/noteBinding.ts', code)).toEqual([]);
  });
});

describe('react-hooks', () => {
  it('refuses a conditional hook call', async () => {
    const code = [
      "import { useState } from 'react';",
      'export function Probe({ open }: { open: boolean }) {',
      '  if (open) useState(0);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(VIEW, code)).toContain('react-hooks/rules-of-hooks');
  });

  it('flags a missing effect dependency', async () => {
    const code = [
      "import { useEffect } from 'react';",
      'export function Probe({ id }: { id: string }) {',
      '  useEffect(() => {',
      '    console.log(id);',
      '  }, []);',
      '  return null;',
      '}',
      '',
    ].join('\n');
    expect(await ruleIds(VIEW, code)).toEqual(['react-hooks/exhaustive-deps']);
  });
});
