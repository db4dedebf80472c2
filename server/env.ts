import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { defaultDatabasePath } from "@/db/path";

const ZAppUrl = z.url().optional();

/** `SMTP_URL=` left empty in a .env file means "no email", not "invalid address". */
const unsetIfBlank = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

/** Email is optional: without SMTP_URL, invitation links are only shown to the admin to pass on. */
const ZMailFields = {
  SMTP_URL: z.preprocess(
    unsetIfBlank,
    z
      .url({
        protocol: /^smtps?$/,
        error: "SMTP_URL must look like smtps://user:password@mail.example.com:465 (or smtp://...)",
      })
      .optional(),
  ),
  SMTP_FROM: z.preprocess(
    unsetIfBlank,
    z
      .string()
      .trim()
      .regex(/@/, "SMTP_FROM must be a sender address, e.g. Rehabit <no-reply@clinic.example>")
      .optional(),
  ),
};

function requireMailCompanions(
  value: { SMTP_URL?: string | undefined; SMTP_FROM?: string | undefined; NEXTAUTH_URL?: string },
  ctx: z.RefinementCtx,
) {
  if (!value.SMTP_URL) return;
  if (!value.SMTP_FROM) {
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_FROM"],
      message:
        "needed when SMTP_URL is set: the sender address, e.g. Rehabit <no-reply@clinic.example>",
    });
  }
  if (!value.NEXTAUTH_URL) {
    ctx.addIssue({
      code: "custom",
      path: ["NEXTAUTH_URL"],
      message: "needed when SMTP_URL is set, so links in emails point to this server",
    });
  }
}

/**
 * How many answers one patient may send (decision 016). Answers with a red flag are never refused;
 * safety checks with none have their own allowance, so the other limits never hold one back.
 */
const ZSubmissionLimitFields = {
  PATIENT_ANSWERS_PER_MINUTE: z.coerce
    .number()
    .int("PATIENT_ANSWERS_PER_MINUTE must be a whole number")
    .min(1, "PATIENT_ANSWERS_PER_MINUTE must be at least 1")
    .max(10_000)
    .default(60),
  PATIENT_ANSWERS_PER_DAY: z.coerce
    .number()
    .int("PATIENT_ANSWERS_PER_DAY must be a whole number")
    .min(1, "PATIENT_ANSWERS_PER_DAY must be at least 1")
    .max(100_000)
    .default(400),
  PATIENT_SAFETY_CHECKS_PER_DAY: z.coerce
    .number()
    .int("PATIENT_SAFETY_CHECKS_PER_DAY must be a whole number")
    .min(1, "PATIENT_SAFETY_CHECKS_PER_DAY must be at least 1")
    .max(100_000)
    .default(50),
};

const ZEnv = z
  .object({
    APP_ENV: z.enum(["local", "production"]).default("local"),
    NEXTAUTH_SECRET: z
      .string()
      .min(32, "NEXTAUTH_SECRET must be at least 32 characters (try: openssl rand -base64 32)")
      .optional(),
    NEXTAUTH_URL: ZAppUrl,
    DATA_DIR: z.string().default("data"),
    DATABASE_PATH: z.string().optional(),
    SESSION_MAX_AGE_HOURS: z.coerce.number().positive().default(12),
    SESSION_IDLE_MINUTES: z.coerce.number().positive().default(30),
    PATIENT_LINK_DAYS: z.coerce.number().int().min(1).max(730).default(180),
    /** The time-based alert rules must run at least hourly (issue 6); 0 turns the timer off. */
    ALERT_SWEEP_MINUTES: z.coerce
      .number()
      .int()
      .min(0)
      .max(60, "ALERT_SWEEP_MINUTES must be at most 60: alerts are re-checked at least hourly")
      .default(15),
    /** Hours between the server's checks of the audit chain (decision 021); 0 turns them off. */
    AUDIT_CHECK_HOURS: z.coerce
      .number()
      .min(0, "AUDIT_CHECK_HOURS must be 0 (off) or more")
      .max(168, "AUDIT_CHECK_HOURS must be at most 168: the chain is checked at least weekly")
      .default(6),
    /** Only behind a reverse proxy that sets X-Forwarded-For may the audit trail trust it. */
    TRUST_PROXY: z.enum(["true", "false"]).default("false"),
    ...ZSubmissionLimitFields,
    ...ZMailFields,
  })
  .superRefine(requireMailCompanions);

const ZSubmissionLimitEnv = z.object(ZSubmissionLimitFields);

const ZMailEnv = z
  .object({ NEXTAUTH_URL: ZAppUrl, ...ZMailFields })
  .superRefine(requireMailCompanions);

/** Where and as whom to send email; the app's address builds the links inside. */
export interface MailSettings {
  smtpUrl: string;
  from: string;
  appUrl: string;
}

function mailSettingsOf(parsed: z.infer<typeof ZMailEnv>): MailSettings | null {
  if (!parsed.SMTP_URL || !parsed.SMTP_FROM || !parsed.NEXTAUTH_URL) return null;
  return {
    smtpUrl: parsed.SMTP_URL,
    from: parsed.SMTP_FROM,
    appUrl: parsed.NEXTAUTH_URL.replace(/\/+$/, ""),
  };
}

/** How many answers one patient link may send; counted from the database (decision 016). */
export interface SubmissionLimits {
  /** Answers other than safety checks received in the last 60 seconds. */
  answersPerMinute: number;
  /** Answers other than safety checks received in the last 24 hours. */
  answersPerDay: number;
  /** Safety checks with no "yes" received in the last 24 hours; a "yes" is never refused. */
  safetyChecksPerDay: number;
}

function submissionLimitsOf(parsed: z.infer<typeof ZSubmissionLimitEnv>): SubmissionLimits {
  return {
    answersPerMinute: parsed.PATIENT_ANSWERS_PER_MINUTE,
    answersPerDay: parsed.PATIENT_ANSWERS_PER_DAY,
    safetyChecksPerDay: parsed.PATIENT_SAFETY_CHECKS_PER_DAY,
  };
}

function describeProblems(error: z.ZodError): Error {
  const problems = error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
  return new Error(`Rehabit's configuration is invalid:\n- ${problems.join("\n- ")}`);
}

export type Env = {
  appEnv: "local" | "production";
  authSecret: string;
  dataDir: string;
  databasePath: string;
  mediaDir: string;
  sessionMaxAgeSeconds: number;
  sessionIdleSeconds: number;
  patientLinkDays: number;
  /** Minutes between sweeps of the time-based alerts; 0 = no timer (use `npm run alerts:sweep`). */
  alertSweepMinutes: number;
  /** Hours between checks of the audit chain; 0 = no timer (use `npm run audit:verify`). */
  auditCheckHours: number;
  secureCookies: boolean;
  trustProxy: boolean;
  /** The public address from NEXTAUTH_URL, without a trailing slash; null when not configured. */
  appUrl: string | null;
  mail: MailSettings | null;
  submissionLimits: SubmissionLimits;
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
  if (!result.success) throw describeProblems(result.error);
  const parsed = result.data;
  const dataDir = path.resolve(/*turbopackIgnore: true*/ parsed.DATA_DIR);
  return {
    appEnv: parsed.APP_ENV,
    authSecret: resolveSecret(parsed, dataDir),
    dataDir,
    databasePath: defaultDatabasePath(source),
    mediaDir: path.join(dataDir, "media"),
    sessionMaxAgeSeconds: Math.round(parsed.SESSION_MAX_AGE_HOURS * 3600),
    sessionIdleSeconds: Math.round(parsed.SESSION_IDLE_MINUTES * 60),
    patientLinkDays: parsed.PATIENT_LINK_DAYS,
    alertSweepMinutes: parsed.ALERT_SWEEP_MINUTES,
    auditCheckHours: parsed.AUDIT_CHECK_HOURS,
    secureCookies: (parsed.NEXTAUTH_URL ?? "").startsWith("https://"),
    trustProxy: parsed.TRUST_PROXY === "true",
    appUrl: parsed.NEXTAUTH_URL ? parsed.NEXTAUTH_URL.replace(/\/+$/, "") : null,
    mail: mailSettingsOf(parsed),
    submissionLimits: submissionLimitsOf(parsed),
  };
}

/**
 * The mail settings alone, validated by the same rules as `loadEnv`. Sending an email needs nothing
 * else, so it does not resolve (and on a first run, generate) the session secret.
 */
export function loadMailSettings(
  source: Record<string, string | undefined> = process.env,
): MailSettings | null {
  const result = ZMailEnv.safeParse(source);
  if (!result.success) throw describeProblems(result.error);
  return mailSettingsOf(result.data);
}

export const MAIL_SETTING_NAMES = ["SMTP_URL", "SMTP_FROM", "NEXTAUTH_URL"] as const;
export type MailSettingName = (typeof MAIL_SETTING_NAMES)[number];

/** Which of the settings email needs are not set (empty counts as not set), for the admins' page. */
export function missingMailSettings(
  source: Record<string, string | undefined> = process.env,
): MailSettingName[] {
  return MAIL_SETTING_NAMES.filter((name) => !source[name]?.trim());
}

/**
 * The submission limits alone, validated by the same rules as `loadEnv`: a check-in needs nothing
 * else from the environment (and must not resolve the session secret to get it).
 */
export function loadSubmissionLimits(
  source: Record<string, string | undefined> = process.env,
): SubmissionLimits {
  const result = ZSubmissionLimitEnv.safeParse(source);
  if (!result.success) throw describeProblems(result.error);
  return submissionLimitsOf(result.data);
}

let cached: Env | undefined;
let cachedMail: { settings: MailSettings | null } | undefined;
let cachedSubmissionLimits: SubmissionLimits | undefined;

/** The validated environment, read once per process. */
export function env(): Env {
  cached ??= loadEnv();
  return cached;
}

/** The validated mail settings, read once per process; null when email is not configured. */
export function mailSettings(): MailSettings | null {
  cachedMail ??= { settings: loadMailSettings() };
  return cachedMail.settings;
}

/** The validated submission limits, read once per process. */
export function submissionLimits(): SubmissionLimits {
  cachedSubmissionLimits ??= loadSubmissionLimits();
  return cachedSubmissionLimits;
}
