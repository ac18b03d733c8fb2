// Guard rails a newcomer inherits (run by `npm test`): typescript-eslint's recommended rules, no `any` in
// src, functions that fit on a screen (60 lines) and lines that fit in a review (140). Formatting is
// prettier's (`npm run format`, .prettierrc.json).
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'bench/**', 'coverage/**', 'reports/**', '.stryker-tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['src/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true, IIFEs: true }],
      // A warning until the one `npm run format` over the whole repo (after the parallel branches have merged)
      // wraps the older long lines; then an error. Strings and templates are not wrapped by prettier.
      'max-len': [
        'warn',
        { code: 140, ignoreUrls: true, ignoreStrings: true, ignoreTemplateLiterals: true, ignoreRegExpLiterals: true },
      ],
    },
  },
  {
    // The fast postings scanner: its byte loop is one function on purpose (no calls per byte); see the file's header.
    files: ['src/io/posteringer.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
  {
    // Tests read parsed JSON in their assertions.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
);
