import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Each process stays in its lane: the renderer and shared/ never reach Node or Electron, and the
// main process never imports renderer code.
const nodeOrElectron = {
  patterns: [
    { group: ['electron', 'electron/*'], message: 'Only electron/ may import Electron.' },
    { group: ['node:*'], message: 'renderer/ and shared/ run in the browser too: no Node built-ins.' },
    { group: ['**/electron/**', '../electron/*'], message: 'Go through the IPC contract in shared/ipc.' },
  ],
};

export default tseslint.config(
  { ignores: ['out/', 'dist/', 'release/', 'node_modules/', 'docs/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', nodeOrElectron],
    },
  },
  {
    // zod is main's validator: the renderer imports only types from schema modules, which keeps
    // zod (about half the bundle) out of it. Values live in zod-free modules (shared/settings.ts…).
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/**/*.test.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', {
        patterns: [{
          group: ['zod', '**/ipc/routes/*', '**/ipc/contract', '**/ipc/define', '**/catalog-schema'],
          allowTypeImports: true,
          message: 'Schema modules pull zod into the renderer: import types only, values from a zod-free module.',
        }],
      }],
    },
  },
  {
    files: ['shared/**/*.ts'],
    ignores: ['shared/**/*.test.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: { 'no-restricted-imports': ['error', nodeOrElectron] },
  },
  {
    files: ['electron/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['**/renderer/**'], message: 'Main and preload must not import renderer code.' }] }],
    },
  },
  {
    // Tests run in Node under vitest, whichever process they test.
    files: ['**/*.test.{ts,tsx}'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
