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
    env: { TZ: "UTC" },
    testTimeout: 20_000,
  },
});
