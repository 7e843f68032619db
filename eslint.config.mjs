// The house rules a linter keeps (docs/architecture.md): which folder may import which, and a few
// correctness rules. `npm test` runs it; `npx eslint .` locally. Formatting is
// Prettier's (`npm run format`), checked separately in `npm test`.
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-results/**', '**/*.mjs', '**/*.d.mts'] },
  {
    files: ['**/*.ts'],
    languageOptions: { parser: tseslint.parser },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      eqeqeq: ['error', 'smart'],
      'no-debugger': 'error',
      'no-var': 'error',
      'prefer-const': ['error', { ignoreReadBeforeAssign: true }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none', ignoreRestSiblings: true },
      ],
    },
  },
  {
    // The core is pure: no editor, no CLI, no webview.
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'vscode', message: 'src/core never imports vscode: put editor code in src/extension.' }],
          patterns: [
            {
              group: ['**/extension/**', '**/cli/**', '**/webview/**', '**/demo/**'],
              message: 'src/core is imported by the others, never the other way round.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/cli/**/*.ts', 'src/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: ['vscode'], patterns: ['**/extension/**', '**/webview/**'] }],
    },
  },
  {
    // The webview talks to the host only through the typed messages of src/shared.
    files: ['webview/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: ['vscode'], patterns: ['**/extension/**', '**/cli/**', '**/core/**', 'node:*'] },
      ],
    },
  },
);
