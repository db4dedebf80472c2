import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultDatabasePath } from "@/db/path";

const ZEnv = z.object({
  APP_ENV: z.enum(["local", "production"]).default("local"),
  NEXTAUTH_SECRET: z
    .string()
    .min(32, "NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)")
    .optional(),
  NEXTAUTH_URL: z.url().optional(),
  DATA_DIR: z.string().default("data"),
  DATABASE_PATH: z.string().optional(),
  SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
  SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
  PATIENT_LINK_DAYS: z.coerce.number().int().min(1).max(730).default(180),
});

export type Env = {
  appEnv: "local" | "production";
  authSecret: string;
  dataDir: string;
  databasePath: string;
  sessionMaxAgeSeconds: number;
  sessionIdleSeconds: number;
  patientLinkDays: number;
  secureCookies: boolean;
};

/**
 * Local use needs no configuration: a random secret is generated once and kept under the data
 * directory. Production must be given a real secret, so a lost data directory never silently
 * signs everyone out or lets a guessable default through.
 */
function resolveSecret(parsed: z.infer<typeof ZEnv>, dataDir: string): string {
  if (parsed.NEXTAUTH_SECRET) return parsed.NEXTAUTH_SECRET;
  if (parsed.APP_ENV === "production") {
    throw new Error(
      "Rehabit refuses to start in production without NEXTAUTH_SECRET. Set it to a random value of at least 32 characters (openssl rand -base64 32).",
    );
  }
  const file = path.join(dataDir, ".auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

export function loadEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = ZEnv.safeParse(source);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
    throw new Error(`Rehabit's configuration is invalid:\n- ${problems.join("\n- ")}`);
  }
  const parsed = result.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR);
  return {
    appEnv: parsed.APP_ENV,
    authSecret: resolveSecret(parsed, dataDir),
    dataDir,
    databasePath: defaultDatabasePath(source),
    sessionMaxAgeSeconds: Math.round(parsed.SESSION_MAX_AGE_HOURS * 3600),
    sessionIdleSeconds: Math.round(parsed.SESSION_IDLE_MINUTES * 60),
    patientLinkDays: parsed.PATIENT_LINK_DAYS,
    secureCookies: (parsed.NEXTAUTH_URL ?? "").startsWith("https://"),
  };
}

let cached: Env | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}
