import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

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
const DIST = process.env.NEXT_DIST_DIR ?? ".next";
const STAMP = path.join(ROOT, DIST, "rehabit-source-hash");

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
export function sourceHash(): string {
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

/**
 * Builds the production server when there is no build of the current sources (`npm start` and
 * the benches share it): a stale build would measure or serve code that is not the code checked out.
 */
export function ensureProductionBuild(): void {
  const hash = sourceHash();
  const current =
    existsSync(path.join(ROOT, DIST, "BUILD_ID")) &&
    existsSync(STAMP) &&
    readFileSync(STAMP, "utf8") === hash;
  if (current) return;
  console.log("No current build: building Rehabit (about a minute)...");
  run("npx", ["next", "build"]);
  writeFileSync(STAMP, hash);
}
