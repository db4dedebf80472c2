import Link from "next/link";
import { GoalForm } from "@/components/goals-notes/goal-form";
import { GoalItem, type GoalRow } from "@/components/goals-notes/goal-item";
import { NoteForm } from "@/components/goals-notes/note-form";
import { NoteItem, type NoteRow } from "@/components/goals-notes/note-item";
import { Card, CardTitle } from "@/components/ui/card";
import { formatDate } from "@/lib/labels";
import { dayInZone } from "@/server/domain/days";

/**
 * The record's goals (set with the patient; the patient sees them on their progress page) and
 * clinical notes (staff only), with the discharge summaries of past episodes.
 */
export function GoalsNotesSection({
  patientId,
  active,
  goals,
  notes,
  summaries,
  timeZone,
}: {
  patientId: string;
  active: boolean;
  goals: GoalRow[];
  notes: NoteRow[];
  summaries: { id: string; episodeStartedAt: Date; dischargedAt: Date }[];
  timeZone: string;
}) {
  const today = dayInZone(new Date(), timeZone);
  const open = goals.filter((g) => g.status === "active");
  const closed = goals.filter((g) => g.status !== "active");
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      <Card aria-labelledby="goals-heading" className="space-y-3">
        <CardTitle id="goals-heading">Goals</CardTitle>
        <p className="text-sm text-muted-foreground">
          Set with the patient: what, how you will both measure it, the target and the day. The
          patient sees their goals on their progress page.
        </p>
        {goals.length === 0 ? <p>No goals yet.</p> : null}
        {open.length > 0 ? (
          <ul className="space-y-3" aria-label="Goals being worked on">
            {open.map((goal) => (
              <li key={goal.id}>
                <GoalItem goal={goal} patientId={patientId} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        ) : null}
        {closed.length > 0 ? (
          <>
            <h3 className="font-semibold">Closed goals</h3>
            <ul className="space-y-3" aria-label="Closed goals">
              {closed.map((goal) => (
                <li key={goal.id}>
                  <GoalItem goal={goal} patientId={patientId} timeZone={timeZone} />
                </li>
              ))}
            </ul>
          </>
        ) : null}
        {active ? (
          <div className="border-t border-border pt-3">
            <h3 className="mb-2 font-semibold">New goal</h3>
            <GoalForm patientId={patientId} />
          </div>
        ) : (
          <p className="text-sm text-muted-foreground">
            The patient is discharged: re-admit them to set a new goal.
          </p>
        )}
      </Card>

      <div className="space-y-4">
        <Card aria-labelledby="notes-heading" className="space-y-3">
          <CardTitle id="notes-heading">Clinical notes</CardTitle>
          <p className="text-sm text-muted-foreground">
            Seen by the clinic&apos;s staff only, never by the patient. Only a note&apos;s author
            can edit it, and every earlier version is kept.
          </p>
          <NoteForm patientId={patientId} today={today} />
          {notes.length === 0 ? (
            <p>No notes yet.</p>
          ) : (
            <ul className="space-y-3 border-t border-border pt-3" aria-label="Notes, newest first">
              {notes.map((note) => (
                <li key={note.id}>
                  <NoteItem note={note} patientId={patientId} today={today} timeZone={timeZone} />
                </li>
              ))}
            </ul>
          )}
        </Card>

        {summaries.length > 0 ? (
          <Card aria-labelledby="summaries-heading">
            <CardTitle id="summaries-heading">Discharge summaries</CardTitle>
            <ul className="mt-2 space-y-1">
              {summaries.map((s) => (
                <li key={s.id}>
                  <Link
                    href={`/patients/${patientId}/discharge-summary?summary=${s.id}`}
                    prefetch={false}
                  >
                    Episode {formatDate(s.episodeStartedAt, timeZone)} to{" "}
                    {formatDate(s.dischargedAt, timeZone)}
                  </Link>
                </li>
              ))}
            </ul>
          </Card>
        ) : null}
      </div>
    </div>
  );
}
