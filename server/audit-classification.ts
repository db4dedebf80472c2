/**
 * What each procedure of the app router does with health data, and so how it is audited
 * (decision 021). One entry per procedure, keyed by its path; `every-procedure.test.ts` fails when a
 * procedure has none, and checks each entry against what the procedure writes to the trail.
 *
 * - `read`: returns a patient's health data (names with conditions, pain, sessions, answers,
 *   advice, alerts, programs). The read middleware in `server/trpc.ts` appends one row per request
 *   and patient, after the first successful read: action `read`, that read's entity type, the
 *   patient when the call is about one.
 * - `write`: changes records; its service appends its own rows in the transaction of the change.
 * - `none`: returns no health data; the reason says why.
 */
export type AuditClassification =
  | { kind: "read"; entityType: ReadEntityType }
  | { kind: "write"; reason: string }
  | { kind: "none"; reason: string };

/** What a read returned, as the trail names it: never the data itself. */
export const READ_ENTITY_TYPES = [
  "patient",
  "patient-list",
  "caseload",
  "team-caseload",
  "patient-charts",
  "check-in-log",
  "check-in-export",
  "fhir-export",
  "advice",
  "handout",
  "program",
  "program-history",
  "alerts",
  "alert-summary",
  "plan",
  "progress",
  "outcome-measures",
  "measures-due",
  "messages",
  "message-inbox",
  "message-export",
  "goals",
  "clinical-notes",
  "discharge-summary",
] as const;
export type ReadEntityType = (typeof READ_ENTITY_TYPES)[number];

/** The action of every read row. */
export const READ_ACTION = "read";

const read = (entityType: ReadEntityType): AuditClassification => ({ kind: "read", entityType });
const write = (reason: string): AuditClassification => ({ kind: "write", reason });
const none = (reason: string): AuditClassification => ({ kind: "none", reason });

const LIBRARY = "the exercise library: exercises, never a patient";
const LIBRARY_WRITE = "the library service records each change to a clinic exercise";
const TEMPLATES = "program templates: exercises and doses, never a patient";
const TEMPLATE_WRITE = "the template service records each change";
const ANSWER = "a patient's answer: the check-in service records it in the answer's transaction";
const TEAM_WRITE = "the team service records each change to an account or invitation";
const MESSAGE_WRITE = "the messages service records each message and receipt, never the text";
const GOAL_WRITE = "the goal service records each change, never the goal's wording";
const MEASURE_WRITE = "the measures service records each schedule and activity change";
const NOTE_WRITE = "the note service records each revision, never the note's text";

const REMINDER_WRITE = "the reminder service records each change, never an address or key";

export const PROCEDURE_AUDIT: Readonly<Record<string, AuditClassification>> = {
  "advice.forPatient": read("advice"),
  "alerts.acknowledge": write("the alert service records the acknowledgement"),
  "alerts.counts": none("counts of open alerts by severity, with no patient named"),
  "alerts.list": read("alerts"),
  "alerts.resolve": write("the alert service records the resolution"),
  "alerts.summary": read("alert-summary"),
  "auth.me": none("the signed-in staff member's own name, email and role"),
  "caseload.list": read("caseload"),
  "checkIns.exercisePain": write(ANSWER),
  "checkIns.exerciseSession": write(ANSWER),
  "checkIns.morningPain": write(ANSWER),
  "checkIns.postponeSafetyCheck": write(ANSWER),
  "checkIns.safetyCheck": write(ANSWER),
  "clinic.auditStatus": none("the trail's own check results: row ids, positions and hashes"),
  "clinic.settings": none("the clinic's contact details and whether email works"),
  "clinic.updateDetails": write("the clinic service records the change of details"),
  "discharge.discharge": write("the discharge service records the discharge and its summary"),
  "discharge.list": read("discharge-summary"),
  "discharge.summary": read("discharge-summary"),
  "goals.create": write(GOAL_WRITE),
  "goals.list": read("goals"),
  "goals.mine": read("goals"),
  "goals.setStatus": write(GOAL_WRITE),
  "goals.update": write(GOAL_WRITE),
  "fhir.patientBundle": read("fhir-export"),
  "handout.get": read("handout"),
  "library.addImage": write(LIBRARY_WRITE),
  "library.copyToClinic": write(LIBRARY_WRITE),
  "library.create": write(LIBRARY_WRITE),
  "library.delete": write(LIBRARY_WRITE),
  "library.get": none(LIBRARY),
  "library.list": none(LIBRARY),
  "library.removeImage": write(LIBRARY_WRITE),
  "library.reorderImages": write(LIBRARY_WRITE),
  "library.setArchived": write(LIBRARY_WRITE),
  "library.update": write(LIBRARY_WRITE),
  "measures.answer": write(
    "a patient's answer: the measures service records it in its transaction",
  ),
  "measures.cancel": write(MEASURE_WRITE),
  "measures.due": read("measures-due"),
  "measures.forPatient": read("outcome-measures"),
  "measures.schedule": write(MEASURE_WRITE),
  "measures.setActivities": write(MEASURE_WRITE),
  "notes.create": write(NOTE_WRITE),
  "notes.edit": write(NOTE_WRITE),
  "notes.list": read("clinical-notes"),
  "messages.answer": write(MESSAGE_WRITE),
  "messages.exportRows": read("message-export"),
  "messages.forPatient": read("messages"),
  "messages.inbox": read("message-inbox"),
  "messages.markRead": write(MESSAGE_WRITE),
  "messages.seen": write(MESSAGE_WRITE),
  "messages.send": write(MESSAGE_WRITE),
  "messages.thread": read("messages"),
  "messages.unreadCounts": none("counts of unread messages, with no patient named"),
  "patientCharts.charts": read("patient-charts"),
  "patientCharts.checkInLog": read("check-in-log"),
  "patientCharts.exportRows": read("check-in-export"),
  "patientLinks.create": write("the link service records the new link"),
  "patientLinks.list": none("when the patient's links were made, used and end: no clinical detail"),
  "patientLinks.replace": write("the link service records the revocations and the new link"),
  "patientLinks.revoke": write("the link service records the revocation"),
  "patients.create": write("the patient service records the new record"),
  "patients.discharge": write("the patient service records the discharge"),
  "patients.get": read("patient"),
  "patients.list": read("patient-list"),
  "patients.newDefaults": none("the clinic's time zone and clinicians, for an empty form"),
  "patients.readmit": write("the patient service records the re-admission"),
  "patients.update": write("the patient service records the change"),
  "plan.progress": read("progress"),
  "plan.today": read("plan"),
  "programs.forEditing": read("program"),
  "programs.history": read("program-history"),
  "programs.saveVersion": write("the program service records the new version"),
  "reminders.calendarFeed": write(REMINDER_WRITE),
  "reminders.save": write(REMINDER_WRITE),
  "reminders.settings": none(
    "the patient's own reminder choices: days, time, channel, no health data",
  ),
  "reminders.subscribePush": write(REMINDER_WRITE),
  "reminders.unsubscribePush": write(REMINDER_WRITE),
  "team.acceptInvitation": write(TEAM_WRITE),
  "team.caseload": read("team-caseload"),
  "team.changeRole": write(TEAM_WRITE),
  "team.createPasswordReset": write(TEAM_WRITE),
  "team.deactivate": write(TEAM_WRITE),
  "team.describeInvitation": none("an invitation's address, role and clinic, for its own link"),
  "team.describePasswordReset": none("a reset link's own account name and address"),
  "team.invitations": none("pending invitations to staff: addresses and roles"),
  "team.invite": write(TEAM_WRITE),
  "team.list": none("the clinic's staff and how many patients each has, none named"),
  "team.reactivate": write(TEAM_WRITE),
  "team.reassignPatients": write("the hand-over records each patient moved"),
  "team.resetPassword": write(TEAM_WRITE),
  "team.revokeInvitation": write(TEAM_WRITE),
  "templates.archive": write(TEMPLATE_WRITE),
  "templates.copy": write(TEMPLATE_WRITE),
  "templates.create": write(TEMPLATE_WRITE),
  "templates.exerciseOptions": none(LIBRARY),
  "templates.forProgram": none(TEMPLATES),
  "templates.get": none(TEMPLATES),
  "templates.list": none(TEMPLATES),
  "templates.unarchive": write(TEMPLATE_WRITE),
  "templates.update": write(TEMPLATE_WRITE),
};

/** The read classification of a procedure, or null when its calls are not audited as reads. */
export function readEntityOf(path: string): ReadEntityType | null {
  const entry = PROCEDURE_AUDIT[path];
  return entry?.kind === "read" ? entry.entityType : null;
}
