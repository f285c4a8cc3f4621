import { defineConfig } from 'vitest/config';
import { alias } from '../../vitest.shared.js';

export default defineConfig({
  resolve: { alias },
  test: {
    name: 'e2e',
    include: ['test/**/*.test.ts'],
    // The entry-point tests run the built emulator: build it (incrementally) once per run, so that a clean
    // clone needs no separate build step and they never skip.
    globalSetup: ['test/support/built-emulator.ts'],
    // The SDK warns once per process that Node 20 support ends in 2027: noise in test output.
    env: { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' },
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
