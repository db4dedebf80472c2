import { getDb } from "@/db/client";
import { createDemoClinics, isDatabaseEmpty, type DemoResult } from "@/db/seed/demo";
import { seedLibrary } from "@/db/seed/library";
import { loadEnv } from "@/server/env";

/**
 * Migrates the database, brings the shared library up to date, and on an empty database creates
 * the demo clinics (unless --no-demo). Prints the demo sign-ins and one patient link once.
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
