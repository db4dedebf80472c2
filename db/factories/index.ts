import { and, eq, isNull } from "drizzle-orm";
import { readIn, writeIn, type Target } from "./target";
import {
  alerts,
  checkIns,
  clinics,
  exerciseLogs,
  exercises,
  painReports,
  patientLinks,
  patients,
  programItems,
  programs,
  programVersions,
  redFlagAnswers,
  users,
} from "../schema";
import type {
  AlertSeverity,
  BandColour,
  CheckInKind,
  Condition,
  PainContext,
  Role,
  Side,
  SkipReason,
  VersionReason,
} from "../schema/enums";
import { hashPassword } from "../../server/auth/password";
import { generateLinkToken, hashLinkToken } from "../../server/auth/tokens";
import { uuidv7 } from "uuidv7";
import { RED_FLAG_SET_VERSION } from "../../server/domain/red-flags";

/**
 * Factories shared by the demo seed, vitest and Playwright: every test builds its data through the
 * same inserts the demo uses, so what the tests see is what a clinic sees.
 */

let counter = 0;
const next = () => ++counter;

export async function insertClinic(
  db: Target,
  overrides: Partial<typeof clinics.$inferInsert> = {},
) {
  const [clinic] = await writeIn(db, (tx) =>
    tx
      .insert(clinics)
      .values({
        name: `Clinic ${next()}`,
        timeZone: "Europe/London",
        phone: "020 7946 0000",
        email: "front.desk@example.com",
        // Every clinic is created with its emergency number (CLINICAL.md, "Red flags").
        emergencyNumber: "999",
        ...overrides,
      })
      .returning(),
  );
  return clinic!;
}

export async function insertUser(
  db: Target,
  overrides: {
    clinicId: string;
    role?: Role;
    email?: string;
    name?: string;
    password?: string;
    active?: boolean;
  },
) {
  const n = next();
  const password = overrides.password ?? "correct horse battery staple";
  const passwordHash = await hashPassword(password);
  const [user] = await writeIn(db, (tx) =>
    tx
      .insert(users)
      .values({
        clinicId: overrides.clinicId,
        role: overrides.role ?? "clinician",
        email: (overrides.email ?? `user${n}.${uuidv7().slice(-8)}@example.com`).toLowerCase(),
        name: overrides.name ?? `Clinician ${n}`,
        passwordHash,
        active: overrides.active ?? true,
      })
      .returning(),
  );
  return user!;
}

export async function insertPatient(
  db: Target,
  overrides: Partial<typeof patients.$inferInsert> & {
    clinicId: string;
    primaryClinicianId: string;
  },
) {
  const [patient] = await writeIn(db, (tx) =>
    tx
      .insert(patients)
      .values({
        displayName: `Patient ${next()}`,
        yearOfBirth: 1970,
        condition: "runners_knee",
        affectedSide: "left",
        timeZone: "Europe/London",
        ...overrides,
      })
      .returning(),
  );
  return patient!;
}

export interface ItemInput {
  exerciseId: string;
  sets?: number | null;
  reps?: number | null;
  holdSeconds?: number | null;
  restSeconds?: number | null;
  durationSeconds?: number | null;
  sessionsPerDay?: number;
  daysPerWeek?: number;
  side?: Side;
  loadKg?: number | null;
  bandColour?: BandColour | null;
  notes?: string | null;
}

/** Adds a version (creating the program on the first call) with its items. */
export async function insertProgramVersion(
  db: Target,
  input: {
    clinicId: string;
    patientId: string;
    authorId: string;
    items: ItemInput[];
    reason?: VersionReason;
    note?: string | null;
    painLimit?: number;
    effectiveFrom?: Date;
  },
) {
  return writeIn(db, async (tx) => {
    let [program] = await tx
      .select()
      .from(programs)
      .where(and(eq(programs.patientId, input.patientId), eq(programs.status, "active")))
      .limit(1);
    program ??= (
      await tx
        .insert(programs)
        .values({ clinicId: input.clinicId, patientId: input.patientId })
        .returning()
    )[0]!;
    const previous = await tx
      .select({ number: programVersions.number })
      .from(programVersions)
      .where(eq(programVersions.programId, program.id));
    const number = previous.reduce((max, v) => Math.max(max, v.number), 0) + 1;
    const [version] = await tx
      .insert(programVersions)
      .values({
        clinicId: input.clinicId,
        programId: program.id,
        number,
        reason: input.reason ?? (number === 1 ? "initial" : "progress"),
        note: input.note ?? null,
        authorId: input.authorId,
        effectiveFrom: input.effectiveFrom ?? new Date(),
        painLimit: input.painLimit ?? 5,
      })
      .returning();
    const items = [];
    for (const [position, item] of input.items.entries()) {
      const [row] = await tx
        .insert(programItems)
        .values({
          clinicId: input.clinicId,
          versionId: version!.id,
          position,
          exerciseId: item.exerciseId,
          sets: item.sets ?? null,
          reps: item.reps ?? null,
          holdSeconds: item.holdSeconds ?? null,
          restSeconds: item.restSeconds ?? null,
          durationSeconds: item.durationSeconds ?? null,
          sessionsPerDay: item.sessionsPerDay ?? 1,
          daysPerWeek: item.daysPerWeek ?? 7,
          side: item.side ?? "both",
          loadKg: item.loadKg ?? null,
          bandColour: item.bandColour ?? null,
          notes: item.notes ?? null,
        })
        .returning();
      items.push(row!);
    }
    return { program, version: version!, items };
  });
}

/** Creates a link and returns the token, which exists nowhere else afterwards. */
export async function insertPatientLink(
  db: Target,
  input: {
    clinicId: string;
    patientId: string;
    createdBy: string;
    expiresAt?: Date;
    revokedAt?: Date | null;
  },
) {
  const token = generateLinkToken();
  const [link] = await writeIn(db, (tx) =>
    tx
      .insert(patientLinks)
      .values({
        clinicId: input.clinicId,
        patientId: input.patientId,
        createdBy: input.createdBy,
        tokenHash: hashLinkToken(token),
        expiresAt: input.expiresAt ?? new Date(Date.now() + 180 * 86_400_000),
        revokedAt: input.revokedAt ?? null,
      })
      .returning(),
  );
  return { link: link!, token };
}

export async function insertCheckIn(
  db: Target,
  input: {
    clinicId: string;
    patientId: string;
    versionId: string | null;
    day: string;
    kind: CheckInKind;
    submittedAt?: Date;
    note?: string | null;
    pain?: { context: PainContext; score: number }[];
    logs?: {
      programItemId: string;
      sessionsDone?: number;
      setsDone?: number | null;
      repsDone?: number | null;
      skippedReason?: SkipReason | null;
    }[];
    redFlags?: { questionId: string; answer: boolean }[];
    /** The red-flag question set the answers belong to; the current one by default. */
    questionSet?: number;
  },
) {
  return writeIn(db, async (tx) => {
    const [checkIn] = await tx
      .insert(checkIns)
      .values({
        clinicId: input.clinicId,
        patientId: input.patientId,
        versionId: input.versionId,
        day: input.day,
        kind: input.kind,
        idempotencyKey: uuidv7(),
        submittedAt: input.submittedAt ?? new Date(),
        // History arrived when it was sent: the submission limits count by arrival (decision 016).
        createdAt: input.submittedAt ?? new Date(),
        note: input.note ?? null,
      })
      .returning();
    if (!checkIn) throw new Error("The check-in was not inserted.");
    for (const p of input.pain ?? []) {
      await tx.insert(painReports).values({
        clinicId: input.clinicId,
        checkInId: checkIn.id,
        patientId: input.patientId,
        day: input.day,
        context: p.context,
        score: p.score,
      });
    }
    for (const l of input.logs ?? []) {
      await tx.insert(exerciseLogs).values({
        clinicId: input.clinicId,
        checkInId: checkIn.id,
        programItemId: l.programItemId,
        sessionsDone: l.skippedReason ? 0 : (l.sessionsDone ?? 1),
        setsDone: l.setsDone ?? null,
        repsDone: l.repsDone ?? null,
        skippedReason: l.skippedReason ?? null,
      });
    }
    for (const r of input.redFlags ?? []) {
      await tx.insert(redFlagAnswers).values({
        clinicId: input.clinicId,
        checkInId: checkIn.id,
        questionSet: input.questionSet ?? RED_FLAG_SET_VERSION,
        questionId: r.questionId,
        answer: r.answer,
      });
    }
    return checkIn;
  });
}

export async function insertAlert(
  db: Target,
  input: {
    clinicId: string;
    patientId: string;
    kind: string;
    severity: AlertSeverity;
    ruleVersion?: number;
    inputs?: Record<string, unknown>;
    openedAt?: Date;
  },
) {
  const at = input.openedAt ?? new Date();
  const version = input.ruleVersion ?? 1;
  const [alert] = await writeIn(db, (tx) =>
    tx
      .insert(alerts)
      .values({
        clinicId: input.clinicId,
        patientId: input.patientId,
        kind: input.kind,
        severity: input.severity,
        ruleId: `${input.kind}@${version}`,
        ruleVersion: version,
        inputs: input.inputs ?? {},
        openedAt: at,
        updatedAt: at,
      })
      .returning(),
  );
  return alert!;
}

/** A shared library exercise by slug (the seed must have run). */
export async function sharedExercise(db: Target, slug: string) {
  const [row] = await readIn(db, (d) =>
    d
      .select()
      .from(exercises)
      .where(and(isNull(exercises.clinicId), eq(exercises.slug, slug)))
      .limit(1),
  );
  if (!row) throw new Error(`No shared exercise with slug ${slug}: run seedLibrary first.`);
  return row;
}

export type { Condition };
export { readIn, writeIn, type Target } from "./target";
export { insertPatientSummary } from "./summaries";
export { insertAuditEventsBulk, insertCheckInsBulk } from "./bulk";
