import { spawnSync, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadEnv } from "@/server/env";
import { prepareDatabase } from "./prepare-db";

const ROOT = process.cwd();
const SOURCES = [
  "app",
  "components",
  "server",
  "db",
  "lib",
  "public",
  "proxy.ts",
  "instrumentation.ts",
  "next.config.ts",
  "postcss.config.mjs",
  "package-lock.json",
  "tsconfig.json",
];
const STAMP = path.join(ROOT, ".next", "rehabit-source-hash");

function filesUnder(entry: string): string[] {
  const full = path.join(ROOT, entry);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [entry];
  return readdirSync(full, { withFileTypes: true })
    .filter((d) => !d.name.startsWith("."))
    .flatMap((d) => filesUnder(path.join(entry, d.name)))
    .filter((f) => !f.endsWith(".test.ts"));
}

/** A hash of every source file, so a build is redone exactly when the code changed. */
function sourceHash(): string {
  const h = createHash("sha256");
  for (const file of SOURCES.flatMap(filesUnder).sort()) {
    h.update(file).update(readFileSync(path.join(ROOT, file)));
  }
  return h.digest("hex");
}

function run(command: string, args: string[]) {
  const result = spawnSync(command, args, { stdio: "inherit", env: process.env });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

async function main() {
  const env = loadEnv();
  const port = process.env.PORT ?? "3000";
  process.env.NEXTAUTH_SECRET = env.authSecret;
  process.env.NEXTAUTH_URL ??= `http://localhost:${port}`;

  const hash = sourceHash();
  const current =
    existsSync(path.join(ROOT, ".next", "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === hash;
  if (!current) {
    console.log("No current build: building Rehabit (about a minute)...");
    run("npx", ["next", "build"]);
    writeFileSync(STAMP, hash);
  }
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
