// Lint rules that keep the architecture honest (STYLE.md §4.12): the engine core stays pure and
// deterministic, src/ never imports app/, and type imports stay type-only.
import js from '@eslint/js'
import globals from 'globals'
import reactHooks from 'eslint-plugin-react-hooks'
import tseslint from 'typescript-eslint'

export default tseslint.config(
  {
    ignores: [
      'dist',
      'node_modules',
      'test-results',
      'playwright-report',
      '.bench-profile',
      '.e2e',
    ],
  },
  { linterOptions: { reportUnusedDisableDirectives: 'error' } },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='only']",
          message: 'Focused tests hide failures.',
        },
      ],
    },
  },
  {
    files: ['app/**/*.tsx', 'src/components/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'error',
    },
  },
  {
    files: ['src/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['**/app/**', '../../app/*'], message: 'src/ never imports app/.' }],
        },
      ],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'zustand*',
                'xstate',
                '@xstate/*',
                'd3-*',
                '**/components/**',
                '**/lessons/**',
                '**/app/**',
              ],
              message: 'The engine knows nothing of the UI, stores, machines or app.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['src/engine/core/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'setTimeout', message: 'Schedule on the simulated clock (core/clock.ts).' },
        { name: 'setInterval', message: 'Schedule on the simulated clock (core/clock.ts).' },
        {
          name: 'requestAnimationFrame',
          message: 'The engine has no frames; the player drives time.',
        },
        { name: 'Date', message: 'Use state.nowMs.' },
        { name: 'performance', message: 'Use state.nowMs.' },
        { name: 'crypto', message: 'Use the seeded PRNG (core/rng.ts).' },
        { name: 'self', message: 'Only engine/worker.ts touches the worker global.' },
        { name: 'window', message: 'The engine runs without a DOM.' },
        { name: 'document', message: 'The engine runs without a DOM.' },
        { name: 'navigator', message: 'The engine runs without a browser.' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded PRNG (core/rng.ts).' },
        { object: 'Date', property: 'now', message: 'Use state.nowMs.' },
      ],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                'react',
                'react-dom',
                'zustand*',
                'xstate',
                '@xstate/*',
                'd3-*',
                '**/components/**',
                '**/lessons/**',
                '**/app/**',
                '../host*',
                '../worker*',
                '../storage/opfs*',
                'node:*',
              ],
              message: 'engine/core is pure: no UI, store, machine, host, browser or Node imports.',
            },
          ],
        },
      ],
    },
  },
)
