import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Builds dist/ when a source is newer, so the CLI tests never run a stale build.
    globalSetup: ['test/bygning.ts'],
    // Property tests run many cases; CLI tests spawn the built binary.
    testTimeout: 30_000,
  },
});
