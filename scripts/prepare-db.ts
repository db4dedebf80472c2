import { getDb } from "@/db/client";
import { createDemoClinics, isDatabaseEmpty, type DemoResult } from "@/db/seed/demo";
import { seedLibrary } from "@/db/seed/library";
import { loadEnv } from "@/server/env";
import { correctProgramSides } from "@/server/services/programs/correct-sides";

/**
 * Migrates the database, brings the shared library up to date, corrects the sides of programs
 * saved before the library recorded how each exercise is done (a new version each, history kept),
 * and on an empty database creates the demo clinics (unless --no-demo). Prints the demo sign-ins
 * and one patient link once.
 */
export async function prepareDatabase(options: {
  demo: boolean;
  baseUrl: string;
}): Promise<DemoResult | null> {
  const env = loadEnv();
  const db = getDb(env.databasePath);
  const empty = isDatabaseEmpty(db);
  const library = seedLibrary(db);
  console.log(
    `Database ready at ${env.databasePath} (${library.exercises} exercises, ${library.templates} templates).`,
  );
  // After the library, which writes each exercise's sidedness the correction reads.
  const sides = correctProgramSides({ db });
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
  if (!empty || !options.demo) return null;
  const demo = await createDemoClinics(db);
  printDemo(demo, options.baseUrl);
  return demo;
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
