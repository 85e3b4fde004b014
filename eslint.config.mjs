// ESLint flat config (typescript-eslint). `npm run lint` runs it; `npm test` includes it.
// The core-boundary rule mirrors `node esbuild.js --check-core` so that the editor shows a violation as it is typed;
// the esbuild check stays the authority (it also sees imports made through other files).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { builtinModules } from 'node:module';

const nodeBuiltins = builtinModules.flatMap((m) => [m, `node:${m}`]);

export default tseslint.config(
  {
    ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test/fixtures/**', 'examples/**', '*.vsix'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: {
      parserOptions: { ecmaVersion: 2022, sourceType: 'module' },
    },
    rules: {
      // `_`-prefixed parameters and variables are intentionally unused (same convention as noUnusedParameters).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Formatting: .editorconfig plus a line-length rule; a warning until the long lines are wrapped.
      // A message is one literal (the l10n bundles and their test read it as written): a line that holds only a
      // message, as an argument or a property of a message table, may be longer.
      'max-len': ['warn', { code: 140, ignoreUrls: true, ignoreRegExpLiterals: true, ignorePattern: "^\\s*(?:[A-Za-z]\\w*: )?'(?:[^'\\\\]|\\\\.)*',?$" }],
      // Size limits as warnings, set so that today's outliers are visible.
      'max-lines': ['warn', { max: 500, skipBlankLines: true, skipComments: true }],
      'max-lines-per-function': ['warn', { max: 120, skipBlankLines: true, skipComments: true, IIFEs: true }],
    },
  },
  {
    // Tests: long describe() blocks and example tables are normal.
    files: ['test/**/*.ts'],
    rules: {
      'max-lines-per-function': 'off',
      'max-lines': 'off',
    },
  },
  {
    // src/core is pure TypeScript: no VS Code, no Node built-ins, no host or feature code.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: [
          { name: 'vscode', message: 'src/core must stay free of VS Code APIs; put this in src/host or src/features.' },
          ...nodeBuiltins.map((name) => ({ name, message: 'src/core must stay free of Node built-ins.' })),
        ],
        patterns: [
          { group: ['**/host', '**/host/**', '**/features', '**/features/**', '**/extension'],
            message: 'src/core may only import src/core and npm packages.' },
        ],
      }],
    },
  },
  {
    // Build scripts and host-test runners are CommonJS Node scripts.
    files: ['**/*.js'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: {
        require: 'readonly', module: 'writable', process: 'readonly', __dirname: 'readonly', console: 'readonly',
        Buffer: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', setInterval: 'readonly', clearInterval: 'readonly',
        URL: 'readonly', fetch: 'readonly', exports: 'writable', __filename: 'readonly', AbortController: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-require-imports': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
