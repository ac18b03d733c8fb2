import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Property tests run many cases; CLI tests spawn the built binary.
    testTimeout: 30_000,
  },
});
