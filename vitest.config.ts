import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      // Next.js resolves this marker to nothing on the server; in tests it must be a no-op too.
      "server-only": path.resolve(__dirname, "server/testing/server-only-stub.ts"),
    },
  },
  test: {
    environment: "node",
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", "e2e/**", ".next/**"],
    // REHABIT_TEST_ENGINE=pg runs the suite on PostgreSQL: the schema's tables follow
    // DATABASE_URL (db/engine-kind.ts), so it points at the test server; each test file still
    // works in a database of its own (db/factories/test-db.ts).
    env: {
      TZ: "UTC",
      ...(process.env.REHABIT_TEST_ENGINE === "pg" && process.env.TEST_DATABASE_URL
        ? { DATABASE_URL: process.env.TEST_DATABASE_URL }
        : {}),
    },
    testTimeout: 20_000,
  },
});
