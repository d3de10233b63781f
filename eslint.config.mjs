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
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
);
