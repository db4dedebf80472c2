import { and, asc, eq, isNull } from "drizzle-orm";
import type { Db, Engine, Tx } from "../engine/types";
import {
  insertAlert,
  insertCheckInsBulk,
  type insertCheckIn,
  insertClinic,
  insertPatient,
  insertPatientLink,
  insertProgramVersion,
  insertUser,
  type ItemInput,
} from "../factories";
import { clinics, exercises, programTemplates, templateItems } from "../schema";
import type { Condition, PainContext, Side, SkipReason } from "../schema/enums";
import { RED_FLAG_EMERGENCY, RED_FLAG_URGENT } from "../../server/domain/alert-rules";
import { addDays, dayInZone } from "../../server/domain/days";
import { defaultSide, sidesNamedIn } from "../../server/domain/dosage";
import { RED_FLAG_IDS, RED_FLAG_SET_VERSION, redFlagLevel } from "../../server/domain/red-flags";
import { refreshPatient } from "../../server/services/clinical/refresh-patient";
import { seededRandom, type Random } from "./random";

export const DEMO_PASSWORD = "rehabit-demo-2026";

export interface DemoResult {
  signIns: { role: string; clinic: string; email: string; password: string }[];
  patientLink: { patientName: string; token: string };
}

type Trend = "improving" | "steady" | "worsening";

interface DemoPatientSpec {
  name: string;
  condition: Condition;
  side: Side;
  yearOfBirth: number;
  clinician: 0 | 1;
  weeks: number;
  adherence: number;
  trend: Trend;
  /**
   * A "yes" to one red-flag question of the current set, through "I have new symptoms" this many
   * days before today (1 = yesterday), so the alert is as fresh as a real clinic would see it.
   */
  redFlag?: { questionId: string; daysAgo: number };
}

/**
 * A clinic's ordinary week: most patients improving quietly (no alert, or only a low one), and
 * three who truly need attention, each for a clear reason:
 * - Tom Becker: morning pain rising for weeks and over his limit during exercise (regress);
 * - James O'Neill: an urgent red flag two days ago, his toes catching and his foot slapping
 *   (U1: foot drop, which a nerve root in the back can cause);
 * - Lukas Novak: an emergency red flag yesterday, new trouble passing urine (E2: a possible cauda
 *   equina syndrome in a patient with sciatica).
 * Daniel Kim and Omar Haddad are steady rather than better: their low alerts show on the row but
 * do not by themselves need attention.
 */
const PATIENTS: DemoPatientSpec[] = [
  {
    name: "Maria Lopez",
    condition: "runners_knee",
    side: "left",
    yearOfBirth: 1991,
    clinician: 0,
    weeks: 8,
    adherence: 0.92,
    trend: "improving",
  },
  {
    name: "Tom Becker",
    condition: "medial_knee_pain",
    side: "right",
    yearOfBirth: 1968,
    clinician: 0,
    weeks: 7,
    adherence: 0.55,
    trend: "worsening",
  },
  {
    name: "Aisha Khan",
    condition: "knee_nerve_pain",
    side: "left",
    yearOfBirth: 1984,
    clinician: 0,
    weeks: 6,
    adherence: 0.85,
    trend: "improving",
  },
  {
    name: "James O'Neill",
    condition: "sciatica_knee_pain",
    side: "right",
    yearOfBirth: 1959,
    clinician: 0,
    weeks: 8,
    adherence: 0.7,
    trend: "steady",
    redFlag: { questionId: "U1", daysAgo: 2 },
  },
  {
    name: "Sofia Rossi",
    condition: "runners_knee",
    side: "both",
    yearOfBirth: 2001,
    clinician: 0,
    weeks: 6,
    adherence: 0.95,
    trend: "improving",
  },
  {
    name: "Daniel Kim",
    condition: "medial_knee_pain",
    side: "left",
    yearOfBirth: 1977,
    clinician: 0,
    weeks: 7,
    adherence: 0.4,
    trend: "steady",
  },
  {
    name: "Grace Mensah",
    condition: "knee_nerve_pain",
    side: "right",
    yearOfBirth: 1972,
    clinician: 1,
    weeks: 8,
    adherence: 0.88,
    trend: "improving",
  },
  {
    name: "Lukas Novak",
    condition: "sciatica_knee_pain",
    side: "left",
    yearOfBirth: 1964,
    clinician: 1,
    weeks: 6,
    adherence: 0.75,
    trend: "worsening",
    redFlag: { questionId: "E2", daysAgo: 1 },
  },
  {
    name: "Emma Walsh",
    condition: "runners_knee",
    side: "right",
    yearOfBirth: 1996,
    clinician: 1,
    weeks: 7,
    adherence: 0.82,
    trend: "improving",
  },
  {
    name: "Omar Haddad",
    condition: "medial_knee_pain",
    side: "both",
    yearOfBirth: 1955,
    clinician: 1,
    weeks: 8,
    adherence: 0.9,
    trend: "steady",
  },
  {
    name: "Chloe Martin",
    condition: "knee_nerve_pain",
    side: "left",
    yearOfBirth: 1988,
    clinician: 1,
    weeks: 6,
    adherence: 0.6,
    trend: "improving",
  },
  {
    name: "Pedro Alves",
    condition: "sciatica_knee_pain",
    side: "right",
    yearOfBirth: 1970,
    clinician: 1,
    weeks: 7,
    adherence: 0.85,
    trend: "improving",
  },
];

const TEMPLATE_BY_CONDITION: Record<Condition, string> = {
  knee_nerve_pain: "knee-nerve-pain",
  medial_knee_pain: "medial-knee-pain",
  runners_knee: "runners-knee",
  sciatica_knee_pain: "sciatica-knee-pain",
};

const SKIPS: SkipReason[] = ["no_time", "forgot", "too_painful", "other"];

/**
 * A template's note as the demo prescribes it: a note that names a side ("Each leg.") is left
 * out, because the item's side already says it and a note must never say something else.
 */
function noteWithoutSides(notes: string | null): string | null {
  return notes && sidesNamedIn(notes).length === 0 ? notes : null;
}

/**
 * The condition's template as a clinician would prescribe it in the builder: each item's side
 * follows the exercise's sidedness and the patient's affected side.
 */
async function templateItemsFor(
  db: Db,
  condition: Condition,
  affectedSide: Side,
): Promise<ItemInput[]> {
  const [template] = await db
    .select({ id: programTemplates.id })
    .from(programTemplates)
    .where(
      and(
        isNull(programTemplates.clinicId),
        eq(programTemplates.slug, TEMPLATE_BY_CONDITION[condition]),
      ),
    )
    .limit(1);
  if (!template) throw new Error("Seed the library before the demo clinic.");
  const rows = await db
    .select({ item: templateItems, sidedness: exercises.sidedness })
    .from(templateItems)
    .innerJoin(exercises, eq(exercises.id, templateItems.exerciseId))
    .where(eq(templateItems.templateId, template.id))
    .orderBy(asc(templateItems.position));
  return rows.map(({ item, sidedness }) => ({
    ...item,
    side: defaultSide(sidedness, affectedSide),
    notes: noteWithoutSides(item.notes),
  }));
}

/** A progression: two more reps for counted work, five seconds more for held stretches. */
function progressed(items: ItemInput[]): ItemInput[] {
  return items.map((i) =>
    i.holdSeconds && (i.reps ?? 0) <= 5
      ? { ...i, holdSeconds: i.holdSeconds + 5 }
      : { ...i, reps: i.reps ? i.reps + 2 : i.reps },
  );
}

function regressed(items: ItemInput[]): ItemInput[] {
  return items.map((i) => ({
    ...i,
    sets: i.sets && i.reps && i.reps > 5 ? Math.max(1, i.sets - 1) : i.sets,
  }));
}

const clamp = (n: number) => Math.max(0, Math.min(10, Math.round(n)));

/** Morning pain on a day of the program: the patient's trend plus some day-to-day noise. */
function painOn(
  spec: DemoPatientSpec,
  start: number,
  dayIndex: number,
  totalDays: number,
  rnd: Random,
) {
  const progress = dayIndex / Math.max(1, totalDays - 1);
  const drift = spec.trend === "improving" ? -3.2 : spec.trend === "worsening" ? 2.6 : -0.3;
  return start + drift * progress + (rnd.next() - 0.5) * 1.6;
}

/** The first weeks, while patient and clinician find the dose that the knee tolerates. */
const FINDING_THE_DOSE_DAYS = 21;

/**
 * Pain during exercise. A worsening knee flares past its limit. The others, managed to the
 * pain-monitoring model, went over it now and then while the dose was being found and stay within
 * it since: their figures are quiet this week, as most of a real caseload's are.
 */
function duringPain(
  spec: DemoPatientSpec,
  pain: number,
  limit: number,
  dayIndex: number,
  rnd: Random,
) {
  if (spec.trend === "worsening") return clamp(pain + rnd.int(0, 2));
  if (dayIndex < FINDING_THE_DOSE_DAYS) return clamp(pain + rnd.int(-2, 0));
  return Math.max(0, Math.min(limit, clamp(pain)) - rnd.int(0, 1));
}

type CheckInInput = Parameters<typeof insertCheckIn>[1];

/**
 * A "yes" through "I have new symptoms", as the phone sends it (every question of the current
 * set answered).
 */
function redFlagCheckIn(
  ids: { clinicId: string; patientId: string },
  versionId: string,
  day: string,
  questionId: string,
  at: Date,
): CheckInInput {
  return {
    ...ids,
    versionId,
    day,
    kind: "safety",
    submittedAt: at,
    redFlags: RED_FLAG_IDS.map((id) => ({ questionId: id, answer: id === questionId })),
    questionSet: RED_FLAG_SET_VERSION,
  };
}

/** The alert a red-flag check-in raises, with the inputs the check-in service stores. */
async function addRedFlagAlert(tx: Tx, checkIn: CheckInInput & { id: string }) {
  const answers = checkIn.redFlags ?? [];
  const rule = redFlagLevel(answers) === "emergency" ? RED_FLAG_EMERGENCY : RED_FLAG_URGENT;
  await insertAlert(tx, {
    clinicId: checkIn.clinicId,
    patientId: checkIn.patientId,
    kind: rule.kind,
    severity: rule.severity,
    ruleVersion: rule.ruleVersion,
    inputs: {
      questionIds: answers.filter((a) => a.answer).map((a) => a.questionId),
      questionSet: RED_FLAG_SET_VERSION,
      checkInId: checkIn.id,
      day: checkIn.day,
    },
    openedAt: checkIn.submittedAt,
  });
}

async function addHistory(
  tx: Tx,
  spec: DemoPatientSpec,
  ids: { clinicId: string; patientId: string; authorId: string },
  timeZone: string,
  now: Date,
  rnd: Random,
) {
  const today = dayInZone(now, timeZone);
  const totalDays = spec.weeks * 7;
  const firstDay = addDays(today, -totalDays);
  const at = (day: string, hour: number) =>
    new Date(`${day}T${String(hour).padStart(2, "0")}:00:00Z`);
  const painLimit = spec.condition === "runners_knee" ? 3 : 5;
  const v1Items = await templateItemsFor(tx, spec.condition, spec.side);
  const versions = [
    {
      from: 0,
      ...(await insertProgramVersion(tx, {
        ...ids,
        items: v1Items,
        reason: "initial",
        effectiveFrom: at(firstDay, 9),
        painLimit,
      })),
    },
  ];
  const v2Day = 21;
  versions.push({
    from: v2Day,
    ...(await insertProgramVersion(tx, {
      ...ids,
      items: progressed(v1Items),
      reason: "progress",
      note: "Settled well on the first block; adding volume.",
      effectiveFrom: at(addDays(firstDay, v2Day), 9),
      painLimit,
    })),
  });
  if (spec.trend === "worsening") {
    const v3Day = totalDays - 10;
    versions.push({
      from: v3Day,
      ...(await insertProgramVersion(tx, {
        ...ids,
        items: regressed(v1Items),
        reason: "regress",
        note: "Morning pain rising; easing the load for a week.",
        effectiveFrom: at(addDays(firstDay, v3Day), 9),
        painLimit,
      })),
    });
  }
  // From a red-flag "yes" on, the phone pauses the exercises: no more exercise check-ins.
  const flagDay = spec.redFlag ? addDays(today, -spec.redFlag.daysAgo) : null;
  const startPain = rnd.int(4, 6);
  let exercisedYesterday = false;
  // Written together at the end, in the order a phone would have sent them: a few multi-row
  // inserts instead of thousands of statements (minutes on PostgreSQL, one round trip each).
  const history: CheckInInput[] = [];
  let redFlag: CheckInInput | null = null;
  for (let d = 0; d < totalDays; d++) {
    const day = addDays(firstDay, d);
    const current = [...versions].reverse().find((v) => v.from <= d) ?? versions[0]!;
    const versionId = current.version.id;
    const pain = painOn(spec, startPain, d, totalDays, rnd);
    if (d % 7 === 0) {
      // The weekly safety check, every answer no.
      history.push({
        ...ids,
        versionId,
        day,
        kind: "safety",
        submittedAt: at(day, 7),
        redFlags: RED_FLAG_IDS.map((questionId) => ({ questionId, answer: false })),
        questionSet: RED_FLAG_SET_VERSION,
      });
    }
    if (rnd.chance(0.85)) {
      const reports: { context: PainContext; score: number }[] = [
        { context: "morning", score: clamp(pain) },
      ];
      // Settled by the next morning, give or take the scale's noise; a worsening knee is not.
      if (exercisedYesterday)
        reports.push({
          context: "next_morning",
          score: clamp(pain + rnd.next() - (spec.trend === "worsening" ? 0.2 : 0.7)),
        });
      history.push({
        ...ids,
        versionId,
        day,
        kind: "morning",
        submittedAt: at(day, 8),
        pain: reports,
      });
    }
    if (spec.redFlag && day === flagDay) {
      redFlag = redFlagCheckIn(ids, versionId, day, spec.redFlag.questionId, at(day, 12));
      history.push(redFlag);
    }
    exercisedYesterday = false;
    const paused = flagDay !== null && day >= flagDay;
    if (!paused && rnd.chance(spec.adherence)) {
      history.push({
        ...ids,
        versionId,
        day,
        kind: "exercise",
        submittedAt: at(day, 18),
        pain: [{ context: "during", score: duringPain(spec, pain, painLimit, d, rnd) }],
        logs: current.items.map((item) =>
          rnd.chance(0.9)
            ? {
                programItemId: item.id,
                sessionsDone: item.sessionsPerDay,
                setsDone: item.sets,
                repsDone: item.reps,
              }
            : { programItemId: item.id, skippedReason: rnd.pick(SKIPS) },
        ),
      });
      exercisedYesterday = true;
    }
  }
  const checkInIds = await insertCheckInsBulk(tx, history);
  if (redFlag) await addRedFlagAlert(tx, { ...redFlag, id: checkInIds[history.indexOf(redFlag)]! });
}

/**
 * The demo: Riverside Physiotherapy (an admin, two clinicians, a dozen patients with 6 to 8 weeks
 * of history) and Harbour Sports Clinic, a second clinic to show that data stays apart. Built with
 * the test factories and a fixed random seed, so it is the same everywhere.
 */
export async function createDemoClinics(db: Engine, now = new Date()): Promise<DemoResult> {
  const made = await db.write(null, insertDemoClinics);
  return buildDemo(db, made, now);
}

/**
 * The demo, on a first start only: null when the database has a clinic already. The check and the
 * demo's clinics are one serializable write, so of two servers starting together on an empty
 * PostgreSQL database exactly one builds the demo (the other's write is retried and finds it).
 */
export async function createDemoClinicsIfEmpty(
  db: Engine,
  now = new Date(),
): Promise<DemoResult | null> {
  const claimed = await db.write(
    null,
    async (tx) => {
      const [any] = await tx.select({ id: clinics.id }).from(clinics).limit(1);
      return any ? null : insertDemoClinics(tx);
    },
    { isolation: "serializable" },
  );
  return claimed ? buildDemo(db, claimed, now) : null;
}

async function insertDemoClinics(tx: Tx) {
  const riverside = await insertClinic(tx, {
    name: "Riverside Physiotherapy",
    timeZone: "Europe/London",
    emergencyNumber: "999",
    phone: "020 7946 0321",
    email: "hello@riverside-physio.example",
  });
  const harbour = await insertClinic(tx, {
    name: "Harbour Sports Clinic",
    timeZone: "America/New_York",
    emergencyNumber: "911",
    phone: "(555) 014-2288",
    email: "team@harbour-sports.example",
  });
  return { riverside, harbour };
}

type DemoClinics = Awaited<ReturnType<typeof insertDemoClinics>>;

async function buildDemo(
  db: Engine,
  { riverside, harbour }: DemoClinics,
  now: Date,
): Promise<DemoResult> {
  const rnd = seededRandom(20261122);
  // Staff one at a time, each in a write of its own: hashing a password stays out of any write.
  const admin = await insertUser(db, {
    clinicId: riverside.id,
    role: "admin",
    email: "admin@riverside.example",
    name: "Rachel Adams",
    password: DEMO_PASSWORD,
  });
  const clinicians = [
    await insertUser(db, {
      clinicId: riverside.id,
      role: "clinician",
      email: "ana@riverside.example",
      name: "Ana Patel",
      password: DEMO_PASSWORD,
    }),
    await insertUser(db, {
      clinicId: riverside.id,
      role: "clinician",
      email: "ben@riverside.example",
      name: "Ben Carter",
      password: DEMO_PASSWORD,
    }),
  ] as const;
  const harbourAdmin = await insertUser(db, {
    clinicId: harbour.id,
    role: "admin",
    email: "admin@harbour.example",
    name: "Hugo Brandt",
    password: DEMO_PASSWORD,
  });
  const harbourClinician = await insertUser(db, {
    clinicId: harbour.id,
    role: "clinician",
    email: "kai@harbour.example",
    name: "Kai Morgan",
    password: DEMO_PASSWORD,
  });

  let firstLink: DemoResult["patientLink"] | undefined;
  const built: { clinicId: string; patientId: string }[] = [];
  // The system path: the demo writes two clinics' rows in one transaction.
  await db.write(null, async (tx) => {
    for (const spec of PATIENTS) {
      const clinician = clinicians[spec.clinician];
      const patient = await insertPatient(tx, {
        clinicId: riverside.id,
        primaryClinicianId: clinician.id,
        displayName: spec.name,
        yearOfBirth: spec.yearOfBirth,
        condition: spec.condition,
        affectedSide: spec.side,
        timeZone: riverside.timeZone,
      });
      built.push({ clinicId: riverside.id, patientId: patient.id });
      await addHistory(
        tx,
        spec,
        { clinicId: riverside.id, patientId: patient.id, authorId: clinician.id },
        riverside.timeZone,
        now,
        rnd,
      );
      if (!firstLink) {
        const { token } = await insertPatientLink(tx, {
          clinicId: riverside.id,
          patientId: patient.id,
          createdBy: clinician.id,
        });
        firstLink = { patientName: spec.name, token };
      }
    }
    for (const spec of [
      {
        name: "Noah Fischer",
        condition: "runners_knee",
        side: "right",
        yearOfBirth: 1993,
        clinician: 0,
        weeks: 6,
        adherence: 0.8,
        trend: "improving",
      },
      {
        name: "Ivy Chen",
        condition: "medial_knee_pain",
        side: "left",
        yearOfBirth: 1981,
        clinician: 0,
        weeks: 6,
        adherence: 0.7,
        trend: "steady",
      },
    ] satisfies DemoPatientSpec[]) {
      const patient = await insertPatient(tx, {
        clinicId: harbour.id,
        primaryClinicianId: harbourClinician.id,
        displayName: spec.name,
        yearOfBirth: spec.yearOfBirth,
        condition: spec.condition,
        affectedSide: spec.side,
        timeZone: harbour.timeZone,
      });
      built.push({ clinicId: harbour.id, patientId: patient.id });
      await addHistory(
        tx,
        spec,
        { clinicId: harbour.id, patientId: patient.id, authorId: harbourClinician.id },
        harbour.timeZone,
        now,
        rnd,
      );
    }
  });
  if (!firstLink) throw new Error("The demo clinic has no patients.");
  // The history was written straight into the tables: work out the figures and alerts of the
  // demo's own patients (and nobody else's) once, as the check-ins themselves would have.
  for (const patient of built) {
    // Each patient is one clinic's: its own transaction, bound to that clinic.
    await db.write(patient.clinicId, (tx) =>
      refreshPatient({ tx, ...patient, now, actor: { kind: "system", id: null } }),
    );
  }
  return {
    signIns: [
      { role: "admin", clinic: riverside.name, email: admin.email, password: DEMO_PASSWORD },
      {
        role: "clinician",
        clinic: riverside.name,
        email: clinicians[0].email,
        password: DEMO_PASSWORD,
      },
      {
        role: "clinician",
        clinic: riverside.name,
        email: clinicians[1].email,
        password: DEMO_PASSWORD,
      },
      { role: "admin", clinic: harbour.name, email: harbourAdmin.email, password: DEMO_PASSWORD },
      {
        role: "clinician",
        clinic: harbour.name,
        email: harbourClinician.email,
        password: DEMO_PASSWORD,
      },
    ],
    patientLink: firstLink,
  };
}
