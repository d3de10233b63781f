// Lint rules. The one that matters most: src/core is pure. It must not reach the
// editor, the disk or the process, so the same core runs in the extension, the CLI
// and a future web build.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((name) => [name, `${name}/*`]);

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'vscode', message: 'src/core is pure: the VS Code adapter lives in src/extension.' },
            ...builtinModules.map((name) => ({
              name,
              message: 'src/core is pure: Node adapters live in src/node.',
            })),
          ],
          patterns: [
            { group: ['node:*'], message: 'src/core is pure: Node adapters live in src/node.' },
            { group: nodeBuiltins.filter((n) => n.endsWith('/*')), message: 'src/core is pure: Node adapters live in src/node.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'src/core is pure: pass what you need in as an argument.' },
        { name: 'Buffer', message: 'src/core is pure: use Uint8Array.' },
        { name: 'require', message: 'src/core is pure.' },
        { name: '__dirname', message: 'src/core is pure.' },
      ],
    },
  },
  {
    // The extension runs in a browser too (issue 15): only the desktop adapters, whose
    // NAME.web.ts twins replace them in the web build, may use Node.
    files: ['src/extension/**/*.ts'],
    // transcript-stats-worker.ts is the desktop's worker thread, a bundle of its own.
    ignores: ['src/extension/desktop/*.ts', 'src/extension/transcript-stats-worker.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: builtinModules.map((name) => ({ name, message: 'Node is not in the web build: put it in a desktop adapter (src/extension/desktop/) with a web twin.' })),
          patterns: [{ group: ['node:*', '**/node/*'], message: 'Node is not in the web build: put it in a desktop adapter (src/extension/desktop/) with a web twin.' }],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Not in the web build: ask a desktop adapter (src/extension/desktop/).' },
        { name: 'Buffer', message: 'Not in the web build: use Uint8Array and base64.ts.' },
        { name: 'setImmediate', message: 'Not in the web build: use nextTurn (next-turn.ts).' },
        { name: '__dirname', message: 'Not in the web build: use the extension context\'s URI.' },
      ],
    },
  },
  {
    // ...but a twin never does.
    files: ['src/extension/desktop/*.web.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: ['node:*', '**/node/*'], message: 'A web twin runs in a browser: no Node.' }] }],
      'no-restricted-globals': ['error', 'process', 'Buffer', 'setImmediate', '__dirname'],
    },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
