import { TRPCError } from "@trpc/server";
import Link from "next/link";
import { CheckInFlow } from "@/components/patient/check-in-flow";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { DueMeasuresNotice } from "@/components/patient/due-measures-notice";
import { ExerciseCard } from "@/components/patient/exercise-card";
import { ExerciseLogger } from "@/components/patient/exercise-logger";
import { ExercisePainForm } from "@/components/patient/exercise-pain-form";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { OutboxStatus } from "@/components/patient/outbox-status";
import { PatientNav } from "@/components/patient/patient-nav";
import { formatDay } from "@/lib/labels";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";

type TodayPlan = Awaited<
  ReturnType<Awaited<ReturnType<typeof patientPageCaller>>["plan"]["today"]>
>;

export default async function PatientPlanPage() {
  const api = await patientPageCaller();
  const unauthorized = (error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  };
  const plan = await api.plan.today().catch(unauthorized);
  if (!plan) return <LinkInvalid />;
  // After the plan, so the request's read row names the plan (decision 021).
  const measures = await api.measures.due().catch(unauthorized);

  const header = (
    <header className="space-y-3">
      <div>
        <p className="font-semibold text-primary">{plan.clinic.name}</p>
        <h1 className="mt-1 text-2xl leading-tight font-semibold">Hello {plan.firstName}</h1>
        <p className="text-muted-foreground">Today is {formatDay(plan.today)}.</p>
      </div>
      <PatientNav current="today" />
      <OutboxStatus />
    </header>
  );

  return (
    <div className="space-y-5">
      <CheckInFlow
        today={plan.today}
        morningDue={plan.asks.morningPain}
        safetyDue={plan.asks.safetyCheck}
        redFlagPause={plan.redFlagPause}
        safetyPostponesLeft={plan.safetyCheckPostponesLeft}
        morningPainToday={plan.morningPainToday}
        clinic={plan.clinic}
        header={header}
      >
        <TodayBody plan={plan} dueMeasures={measures?.due.map((m) => m.name) ?? []} />
      </CheckInFlow>
      <ClinicFooter clinic={plan.clinic} />
    </div>
  );
}

function TodayBody({ plan, dueMeasures }: { plan: TodayPlan; dueMeasures: string[] }) {
  const active = plan.items.filter((i) => !i.today.restDay || i.today.doneToday > 0);
  const resting = plan.items.filter((i) => i.today.restDay && i.today.doneToday === 0);
  return (
    <div className="space-y-5">
      <DueMeasuresNotice names={dueMeasures} />
      {plan.items.length === 0 ? (
        <p className="rounded-lg border border-border bg-muted p-4 text-lg">
          Your clinician has not set any exercises for you yet. Nothing to do today — rest well.
        </p>
      ) : active.length === 0 ? (
        <div className="rounded-lg border border-success/40 bg-success-soft p-4 text-lg">
          <p className="font-semibold">Nothing to do today: it is a rest day.</p>
          <p className="mt-1">
            You have done your exercises on the days your plan asks this week. Rest is part of
            getting better — enjoy it, and see you tomorrow.
          </p>
        </div>
      ) : (
        <section aria-labelledby="today-heading" className="space-y-4">
          <h2 id="today-heading" tabIndex={-1} className="text-xl font-semibold">
            Today&apos;s exercises
          </h2>
          {plan.painLimit !== null ? (
            // Hidden during a red-flag pause: no exercise pain to keep under a limit then.
            <p className="rounded-lg border border-primary/30 bg-primary-soft p-3 group-data-[paused=true]/flow:hidden">
              Some discomfort is fine, but during the exercises your pain should stay at{" "}
              <strong>{plan.painLimit} out of 10</strong> or lower, and settle by the next morning.
            </p>
          ) : null}
          <ol className="space-y-4">
            {active.map((item, index) => (
              <li key={item.id}>
                <ExerciseCard item={item} number={index + 1}>
                  <ExerciseLogger
                    key={`${item.today.doneToday}-${item.today.skippedToday}`}
                    item={{
                      id: item.id,
                      name: item.name,
                      sets: item.sets,
                      reps: item.reps,
                      daysPerWeek: item.daysPerWeek,
                      today: item.today,
                    }}
                  />
                </ExerciseCard>
              </li>
            ))}
          </ol>
        </section>
      )}

      {plan.items.length > 0 ? (
        <ExercisePainForm due={plan.asks.exercisePain} answeredScore={plan.exercisePainToday} />
      ) : null}

      {resting.length > 0 && active.length > 0 ? (
        <section aria-labelledby="rest-heading" className="rounded-lg border border-border p-4">
          <h2 id="rest-heading" className="font-semibold">
            Resting today
          </h2>
          <p className="mt-1">You have already done these on the days your plan asks this week:</p>
          <ul className="mt-1 list-disc pl-5">
            {resting.map((i) => (
              <li key={i.id}>{i.name}</li>
            ))}
          </ul>
        </section>
      ) : null}

      <p>
        <Link href="/p/progress" className="inline-flex min-h-11 items-center font-semibold">
          See how your week is going
        </Link>
      </p>
    </div>
  );
}
