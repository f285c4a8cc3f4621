// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/*.d.ts', '**/.examples/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        console: 'readonly',
        process: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
        Buffer: 'readonly',
        globalThis: 'readonly',
        AbortController: 'readonly',
        performance: 'readonly',
        setImmediate: 'readonly',
        queueMicrotask: 'readonly',
        TextEncoder: 'readonly',
        TextDecoder: 'readonly',
        fetch: 'readonly',
        AbortSignal: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The house style: one module per concept and explicit exports.
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'No `export *`: name what a module exports.' },
      ],
    },
  },
  {
    // The core is pure: no I/O, no Node built-ins, no AWS SDK.
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*'], message: 'The core does no I/O: no node:* imports.' },
            { group: ['@aws-sdk/*', '@smithy/*'], message: 'The core does not depend on the AWS SDK.' },
            {
              group: [
                'fs',
                'path',
                'http',
                'https',
                'net',
                'crypto',
                'os',
                'child_process',
                'url',
                'stream',
                'events',
                'util',
                'buffer',
                'worker_threads',
              ],
              message: 'The core does no I/O: no Node built-ins.',
            },
          ],
        },
      ],
    },
  },
);
