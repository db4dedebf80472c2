import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import drizzle from "eslint-plugin-drizzle";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { drizzle },
    rules: {
      // An update or delete without where would touch every clinic's rows.
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      "no-console": ["error", { allow: ["error", "warn", "log"] }],
    },
  },
  {
    // The database is asynchronous (issue 13): a promise left unawaited is a write nobody waits
    // for, acknowledged before it happened. Type-aware, so only where the database is reached.
    files: ["server/**/*.ts", "db/**/*.ts", "scripts/**/*.ts", "app/**/*.{ts,tsx}", "e2e/**/*.ts"],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  {
    // Services reach the database only through the clinic-bound layer (server/data).
    files: ["server/services/**/*.ts"],
    ignores: ["server/services/**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: ["@/db/client", "@/db/engine", "better-sqlite3", "pg"].map((name) => ({
            name,
            message: "Services reach the database through server/data (ClinicData), not an engine.",
          })),
          patterns: [
            {
              group: [
                "@/db/engine/*",
                "!@/db/engine/types",
                "!@/db/engine/raw",
                "!@/db/engine/errors",
                "drizzle-orm/better-sqlite3",
                "drizzle-orm/node-postgres",
                "drizzle-orm/sqlite-core",
              ],
              message:
                "Services reach the database through server/data (ClinicData), not an engine.",
            },
          ],
        },
      ],
    },
  },
  {
    // Pages and components reach data only through tRPC, never the database layer.
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/db/client", "@/db/factories", "@/server/services/*"],
              message: "Go through server/ (tRPC or a server helper), not the database.",
            },
          ],
        },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "node_modules/**",
    "data/**",
    "db/migrations/**",
    "db/migrations-pg/**",
    "next-env.d.ts",
    "playwright-report/**",
    "test-results/**",
  ]),
]);
