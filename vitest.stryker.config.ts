// The tests `npm run mutation` runs against mutants of src/core: those that call the core in-process
// (CLI tests run the built dist/, which a mutant of src/ does not reach).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'test/afrunding.test.ts',
      'test/beregn.test.ts',
      'test/money.test.ts',
      'test/properties.test.ts',
      'test/forslag.properties.test.ts',
      'test/reference.test.ts',
      'test/bevillinger.test.ts',
      'test/prognose.test.ts',
      'test/scenarie.test.ts',
      'test/forbrug.test.ts',
      'test/fortegn.test.ts',
      'test/loader.test.ts',
      'test/struktur.test.ts',
    ],
    testTimeout: 30_000,
  },
});
