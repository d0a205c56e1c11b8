// Layers of DESIGN.md, enforced: electron only in src/main/electron and src/preload; node, electron
// and database libraries never in the renderer or the shared contract.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const NODE_AND_DB = [
  { group: ['node:*'], message: 'The renderer and the contract run without Node.' },
  {
    group: ['better-sqlite3', 'drizzle-orm', 'drizzle-orm/*', 'fastify', '@fastify/*'],
    message: 'Database and server code lives in src/main/core.',
  },
  { group: ['**/main/**', '../main/*'], message: 'Reach main through the contract, not by import.' },
];
const ELECTRON = { name: 'electron', message: 'Only src/main/electron and src/preload may import electron.' };
const NODE_BUILTINS = [
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'http',
  'https',
  'net',
  'url',
  'stream',
  'zlib',
].map((name) => ({ name, message: 'The renderer and the contract run without Node.' }));

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', 'build/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: 'readonly', process: 'readonly', URL: 'readonly', Buffer: 'readonly' } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/main/**/*.ts', 'sim/**/*.ts', 'test/**/*.ts', 'bench/**/*.{ts,mjs}'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}', 'src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [ELECTRON, ...NODE_BUILTINS], patterns: NODE_AND_DB }] },
  },
  {
    files: ['src/renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
);
