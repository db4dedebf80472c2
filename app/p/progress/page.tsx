import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { MyGoals } from "@/components/patient/my-goals";
import { OutboxStatus } from "@/components/patient/outbox-status";
import { PainChart } from "@/components/patient/pain-chart";
import { PatientNav } from "@/components/patient/patient-nav";
import { PAIN_ANCHORS } from "@/components/patient/pain-scale";
import { formatCalendarDay } from "@/lib/intl-format";
import { weekStart } from "@/server/domain/check-in-schedule";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "My progress" };

function weekLabel(day: string) {
  return formatCalendarDay(day, { day: "numeric", month: "short" });
}

const score = (value: number | null) => (value === null ? "—" : `${value}`);

/** "Thursday" for a YYYY-MM-DD day. */
function weekdayName(day: string) {
  return formatCalendarDay(day, { weekday: "long" });
}

/** The patient's own week and pain over the weeks, with encouragement and no dose advice. */
export default async function ProgressPage() {
  const api = await patientPageCaller();
  const unauthorized = (error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  };
  const [progress, mine] = await Promise.all([
    api.plan.progress().catch(unauthorized),
    api.goals.mine().catch(unauthorized),
  ]);
  if (!progress || !mine) return <LinkInvalid />;
  const hasPain = progress.days.some((d) => d.morning !== null || d.during !== null);
  // The table starts at the first week with an answer; the chart keeps its fixed span.
  const firstWeekWithData = Math.max(
    0,
    progress.weeks.findIndex(
      (w) => w.morningMean !== null || w.duringMean !== null || w.sessionsDone > 0,
    ),
  );
  const percent =
    progress.week.asked > 0 ? Math.round((progress.week.done / progress.week.asked) * 100) : 0;

  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div>
          <p className="font-semibold text-primary">{progress.clinic.name}</p>
          <h1 className="mt-1 text-2xl leading-tight font-semibold">My progress</h1>
        </div>
        <PatientNav current="progress" />
        <OutboxStatus />
      </header>

      <section aria-labelledby="week-heading" className="rounded-lg border border-border p-4">
        <h2 id="week-heading" className="text-xl font-semibold">
          This week
        </h2>
        {progress.week.asked > 0 && progress.firstDay ? (
          <>
            <p className="mt-2 text-lg">
              <strong className="text-2xl">{progress.todayDone}</strong> of {progress.todayAsked}{" "}
              sessions done today
            </p>
            <p className="mt-2 text-muted-foreground">
              Your plan started today, so this page counts from today.
            </p>
          </>
        ) : progress.week.asked > 0 ? (
          <>
            <p className="mt-2 text-lg">
              <strong className="text-2xl">{progress.week.done}</strong> of {progress.week.asked}{" "}
              sessions done
            </p>
            <div
              className="mt-2 h-4 w-full overflow-hidden rounded-full border border-border bg-muted"
              aria-hidden="true"
            >
              <div className="h-full bg-primary" style={{ width: `${percent}%` }} />
            </div>
            <p className="mt-2 text-muted-foreground">
              Today: {progress.todayDone} of {progress.todayAsked} done.
            </p>
            {progress.weekFrom !== weekStart(progress.today) ? (
              <p className="mt-1 text-muted-foreground">
                This week counts from {weekdayName(progress.weekFrom)}, the day your plan started.
              </p>
            ) : null}
          </>
        ) : (
          <p className="mt-2">Your clinician has not set any exercises for you yet.</p>
        )}
        <p className="mt-3 rounded-md bg-success-soft p-3 text-success">{progress.encouragement}</p>
      </section>

      <section
        aria-labelledby="pain-heading"
        className="space-y-3 rounded-lg border border-border p-4"
      >
        <h2 id="pain-heading" className="text-xl font-semibold">
          Your pain over the weeks
        </h2>
        <p className="text-muted-foreground">{PAIN_ANCHORS}</p>
        {hasPain ? (
          <>
            <PainChart days={progress.days} />
            <h3 id="weekly-heading" className="font-medium">
              Average pain (0 to 10) and sessions done, week by week
            </h3>
            {/* Fixed columns that wrap their headings: the table fits a 360 px phone as it is. */}
            <table
              className="w-full table-fixed border-collapse text-left"
              aria-labelledby="weekly-heading"
            >
              <thead className="text-sm">
                <tr className="border-b border-border align-bottom">
                  <th scope="col" className="w-[24%] py-2 pr-2">
                    Week from
                  </th>
                  <th scope="col" className="py-2 pr-2">
                    Morning pain
                  </th>
                  <th scope="col" className="py-2 pr-2">
                    Exercise pain
                  </th>
                  <th scope="col" className="py-2">
                    Sessions done
                  </th>
                </tr>
              </thead>
              <tbody>
                {progress.weeks.slice(firstWeekWithData).map((w) => (
                  <tr key={w.weekStart} className="border-b border-border">
                    <th scope="row" className="py-2 pr-2 font-normal">
                      {weekLabel(
                        progress.programStart && progress.programStart > w.weekStart
                          ? progress.programStart
                          : w.weekStart,
                      )}
                    </th>
                    <td className="py-2 pr-2">{score(w.morningMean)}</td>
                    <td className="py-2 pr-2">{score(w.duringMean)}</td>
                    <td className="py-2">{w.sessionsDone}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </>
        ) : (
          <p>
            Your chart starts with your first answer. Tell us how your knee feels each morning and
            after your exercises, and it will grow here week by week.
          </p>
        )}
      </section>

      <MyGoals goals={mine.goals} />

      <ClinicFooter clinic={progress.clinic} />
    </div>
  );
}
