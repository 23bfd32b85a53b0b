// Lint is also where package boundaries are enforced (style principle 11):
// shared/ is imported by both sides and must import neither; the client never imports the server.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

const forbid = (patterns, message) => [
  'error',
  { patterns: patterns.map((group) => ({ group: [group], message })) },
];

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
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [
          '@isms/server',
          '@isms/server/*',
          '@isms/client',
          '@isms/client/*',
          '**/server/**',
          '**/client/**',
          'react',
          'ws',
          'node:*',
        ],
        'shared/ is the domain both sides import: it must not import client, server, React or Node APIs.',
      ),
    },
  },
  {
    files: ['shared/bench/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['client/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': forbid(
        ['@isms/server', '@isms/server/*', '**/server/**', 'node:*'],
        'The client never imports the server (or Node built-ins); share code through @isms/shared.',
      ),
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': forbid(
        ['@isms/client', '@isms/client/*', '**/client/src/**', 'react'],
        'The server never imports client code; share code through @isms/shared.',
      ),
    },
  },
);
