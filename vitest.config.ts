import { defineConfig } from 'vitest/config';

// CI sets VITEST_JSON_REPORT to a file name, so that it can run the README's test command unchanged and
// still read the counts from vitest's JSON report.
const report = process.env['VITEST_JSON_REPORT'];

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts'],
    ...(report ? { reporters: ['default', 'json'], outputFile: { json: report } } : {}),
  },
});
