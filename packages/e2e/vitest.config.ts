import { defineConfig } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    // Filled as cross-package tests move here; until then the project holds none.
    passWithNoTests: true,
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
