import { openEngineFor } from "@/db/engine";
import type { PgEngine } from "@/db/engine/pg";
import type { Engine } from "@/db/engine/types";
import { engineKind } from "@/db/engine-kind";
import { createDemoClinicsIfEmpty, type DemoResult } from "@/db/seed/demo";
import { seedLibrary } from "@/db/seed/library";
import { systemData } from "@/server/data/clinic-data";
import { loadEnv, type Env } from "@/server/env";
import { correctProgramSides } from "@/server/services/programs/correct-sides";

/**
 * The database this process is configured for: PostgreSQL when DATABASE_URL is a postgres://
 * address, else the SQLite file (DATABASE_PATH, or data/rehabit.db). Opened here rather than
 * through the process-wide `getEngine()`, because this script closes it when done.
 */
function openConfiguredEngine(env: Env): Engine {
  return openEngineFor(engineKind() === "pg" ? (process.env.DATABASE_URL ?? "") : env.databasePath);
}

/** Where the database is, for the console: a file, or a PostgreSQL host and database, no login. */
export function describeDatabase(env: Env): string {
  if (engineKind() !== "pg") return env.databasePath;
  const url = new URL(process.env.DATABASE_URL ?? "");
  return `PostgreSQL ${url.host}${url.pathname}`;
}

/**
 * Migrates the database, brings the shared library up to date, corrects the sides of programs
 * saved before the library recorded how each exercise is done (a new version each, history kept),
 * and on an empty database creates the demo clinics (unless --no-demo). Prints the demo sign-ins
 * and one patient link once. Safe for several servers starting together on one PostgreSQL: the
 * migrations queue on a lock, and the library and the demo are each written once.
 */
export async function prepareDatabase(options: {
  demo: boolean;
  baseUrl: string;
}): Promise<DemoResult | null> {
  const env = loadEnv();
  const engine = openConfiguredEngine(env);
  try {
    // SQLite migrates as it opens; PostgreSQL starts migrating on open: a failure shows here.
    if (engine.kind === "pg") await (engine as PgEngine).ready;
    const library = await seedLibrary(engine);
    console.log(
      `Database ready at ${describeDatabase(env)} (${library.exercises} exercises, ${library.templates} templates).`,
    );
    // After the library, which writes each exercise's sidedness the correction reads.
    const sides = await correctProgramSides({ system: systemData(engine) });
    if (sides.programs > 0) {
      console.log(
        `Sides corrected in ${sides.programs} program${sides.programs === 1 ? "" : "s"} (${sides.items} exercise${sides.items === 1 ? "" : "s"}), each as a new version.`,
      );
    }
    if (sides.notesToReview > 0) {
      console.log(
        `${sides.notesToReview} exercise note${sides.notesToReview === 1 ? " names" : "s name"} a different side from the exercise; the program builder asks for ${sides.notesToReview === 1 ? "it" : "them"} to be reworded on the next save.`,
      );
    }
    if (!options.demo) return null;
    const demo = await createDemoClinicsIfEmpty(engine);
    if (demo) printDemo(demo, options.baseUrl);
    return demo;
  } finally {
    await engine.close();
  }
}

export function printDemo(demo: DemoResult, baseUrl: string) {
  console.log("\nA demo clinic was created. Sign in at " + baseUrl + "/login with:");
  for (const s of demo.signIns) {
    console.log(
      `  ${s.role.padEnd(9)} ${s.email.padEnd(26)} password: ${s.password}   (${s.clinic})`,
    );
  }
  console.log(`\nPatient link for ${demo.patientLink.patientName} (open it on a phone):`);
  console.log(`  ${baseUrl}/p/${demo.patientLink.token}\n`);
  console.log("This link is shown only now. Make another with: npm run demo:link\n");
}

if (process.argv[1]?.endsWith("prepare-db.ts")) {
  const port = process.env.PORT ?? "3000";
  prepareDatabase({
    demo: !process.argv.includes("--no-demo"),
    baseUrl: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
  }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
