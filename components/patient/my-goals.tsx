import type { GoalStatus } from "@/db/schema/enums";
import { shortDay } from "@/components/goals-notes/words";

/** What the patient reads about each goal: plain words, no clinic jargon. */
const STATUS_WORDS: Record<Exclude<GoalStatus, "dropped">, string> = {
  active: "Working on it",
  met: "Done! You reached this goal",
  not_met: "Not reached this time",
};

interface Goal {
  id: string;
  what: string;
  measure: string;
  target: string;
  targetDay: string;
  status: GoalStatus;
}

/** The patient's own goals on their progress page (issue 15): the ones set with their clinician. */
export function MyGoals({ goals }: { goals: Goal[] }) {
  const shown = goals.filter(
    (g): g is Goal & { status: Exclude<GoalStatus, "dropped"> } => g.status !== "dropped",
  );
  return (
    <section
      aria-labelledby="goals-heading"
      className="space-y-3 rounded-lg border border-border p-4"
    >
      <h2 id="goals-heading" className="text-xl font-semibold">
        My goals
      </h2>
      {shown.length === 0 ? (
        <p>
          You and your clinician have not set any goals yet. You can talk about them at your next
          visit.
        </p>
      ) : (
        <ul className="space-y-3">
          {shown.map((goal) => (
            <li
              key={goal.id}
              className={
                goal.status === "met"
                  ? "rounded-md border border-success/40 bg-success-soft p-3"
                  : "rounded-md border border-border p-3"
              }
            >
              <p className="text-lg font-medium break-words">{goal.what}</p>
              <p className="mt-1 break-words">
                Target: {goal.target}, by {shortDay(goal.targetDay)}
              </p>
              <p className="break-words text-muted-foreground">Measured by: {goal.measure}</p>
              <p
                className={
                  goal.status === "met"
                    ? "mt-1 font-semibold text-success"
                    : "mt-1 text-muted-foreground"
                }
              >
                {STATUS_WORDS[goal.status]}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
