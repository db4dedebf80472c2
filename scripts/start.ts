import { spawn } from "node:child_process";
import { loadEnv } from "@/server/env";
import { ensureProductionBuild } from "./build-if-stale";
import { prepareDatabase } from "./prepare-db";

async function main() {
  const env = loadEnv();
  const port = process.env.PORT ?? "3000";
  process.env.NEXTAUTH_SECRET = env.authSecret;
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  ensureProductionBuild();
  await prepareDatabase({ demo: true, baseUrl: process.env.NEXTAUTH_URL });
  const server = spawn("npx", ["next", "start", "-p", port], {
    stdio: "inherit",
    env: process.env,
  });
  const stop = () => server.kill("SIGTERM");
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  server.on("exit", (code) => process.exit(code ?? 0));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
