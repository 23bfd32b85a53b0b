// Lint is also where package boundaries are enforced (style principle 11):
// shared/ is imported by both sides and must import neither; the client never imports the server
// nor a server-only package; views read stores and call actions, they never hold a Y.Doc.
// tests/lint/boundaries.test.ts feeds a probe for every rule below through this config.
import { builtinModules } from 'node:module';
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const forbid = (patterns, message) => ({
  patterns: [{ group: patterns, message }],
});
const restrictImports = (...groups) => [
  'error',
  { patterns: groups.flatMap((group) => group.patterns) },
];

// Every Node built-in, bare (`fs`) and prefixed (`node:fs`), including subpaths (`fs/promises`).
const nodeBuiltins = builtinModules
  .filter((name) => !name.startsWith('_'))
  .flatMap((name) => [name, `node:${name}`, `${name}/*`]);
nodeBuiltins.push('node:*');

// Packages that only make sense in the Node server; a bundle that pulls one in is a bug.
const serverOnlyPackages = [
  'pino',
  'pino/*',
  'better-sqlite3',
  'pg',
  'pg/*',
  'ioredis',
  'redis',
  'ws',
  'exceljs',
  'jose',
  'prom-client',
  '@y/websocket-server',
  '@y/websocket-server/*',
];
const serverCode = ['@isms/server', '@isms/server/*', '**/server/**'];
const clientCode = ['@isms/client', '@isms/client/*', '**/client/**'];

const sharedBoundary = [
  forbid(serverCode, 'shared/ must not import server code; the server imports shared/.'),
  forbid(clientCode, 'shared/ must not import client code; the client imports shared/.'),
  forbid(
    nodeBuiltins,
    'shared/ runs in the browser too: no Node built-ins (use web-standard APIs such as globalThis.crypto).',
  ),
  forbid(
    ['react', 'react/*', 'react-dom', 'react-dom/*'],
    'shared/ is the framework-free domain: no React (views live in client/).',
  ),
  forbid(
    ['y-websocket', 'y-websocket/*', 'y-indexeddb', 'y-protocols', 'y-protocols/*'],
    'shared/ holds the board schema and commands, not transport or storage: no y-websocket, y-indexeddb or y-protocols.',
  ),
  forbid(serverOnlyPackages, 'shared/ must not import server-only packages.'),
];

const clientBoundary = [
  forbid(serverCode, 'The client never imports the server; share code through @isms/shared.'),
  forbid(nodeBuiltins, 'The client runs in the browser: no Node built-ins.'),
  forbid(serverOnlyPackages, 'This package is server-only (Node); the client must not bundle it.'),
];

// Views (components and their folders) read stores and call actions; only the state layer
// (client/src/sync, client/src/store, client/src/instructor/live) touches Yjs.
const viewBoundary = [
  forbid(
    ['yjs', 'yjs/*'],
    'Views never import yjs: read a store (client/src/store) and call an action instead.',
  ),
];

// Globals that exist in Node or in a browser but not in both; shared/ may use neither.
const platformGlobals = [
  'process',
  'Buffer',
  'global',
  '__dirname',
  '__filename',
  'require',
  'window',
  'document',
  'localStorage',
  'sessionStorage',
  'navigator',
].map((name) => ({
  name,
  message:
    'shared/ runs in Node and in the browser: platform globals belong to server/ or client/.',
}));

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', 'data/**', 'tests/artifacts/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 2023, sourceType: 'module' },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': 'off',
    },
  },
  {
    files: ['shared/src/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(...sharedBoundary),
      'no-restricted-globals': ['error', ...platformGlobals],
    },
  },
  {
    // Tests and the benchmark run only under Node (vitest, tsx); they may read process.env.
    files: ['shared/src/**/*.test.ts', 'shared/bench/**/*.ts'],
    rules: { 'no-restricted-globals': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ignores: ['client/vite.config.ts'],
    rules: { 'no-restricted-imports': restrictImports(...clientBoundary) },
  },
  {
    files: [
      'client/src/{app,board,common,instructor,join,presentation,print}/**/*.{ts,tsx}',
      'client/src/main.tsx',
    ],
    ignores: [
      '**/*.test.{ts,tsx}',
      // The state layer of the instructor console lives beside its views.
      'client/src/instructor/live/**',
      // The one documented exception: the IME-safe note binding edits a Y.Text in place
      // (docs/client.md, "Views and Yjs").
      'client/src/board/notes/noteBinding.ts',
      // Still holding a Y.Doc until they move onto the live-document module and instructor
      // actions (issue #12, steps 4 and 5); each leaves this list when it does.
      'client/src/presentation/viewerConnection.ts',
      'client/src/instructor/{GroupBoard,FeedbackForm,FeedbackList,TimerPanel}.tsx',
    ],
    rules: { 'no-restricted-imports': restrictImports(...clientBoundary, ...viewBoundary) },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    ...reactHooks.configs.flat.recommended,
  },
  {
    // Build tooling (Vite plugins) runs in Node at build time, never in the browser.
    files: ['client/build/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': restrictImports(
        forbid(
          ['@isms/client', '@isms/client/*', '**/client/src/**', 'react', 'react-dom'],
          'The server never imports client code; share code through @isms/shared.',
        ),
      ),
    },
  },
);
