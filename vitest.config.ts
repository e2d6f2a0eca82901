import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Tests start real HTTP servers and SQLite files; a generous timeout avoids flakes on 2 shared cores.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Every card rendered in any test is expanded by the compiled fast path and by adaptivecards-templating, and must match (src/cards/render.ts).
    env: { CARDS_VERIFY: '1', ACTIVITY_VERIFY: '1' },
  },
});
