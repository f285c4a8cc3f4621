import { defineConfig } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'conformance-cli',
    include: ['test/**/*.test.ts'],
  },
});
