import { TRPCError } from "@trpc/server";
import { ExerciseCard } from "@/components/patient/exercise-card";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { formatDay } from "@/lib/labels";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";

export default async function PatientPlanPage() {
  const api = await patientPageCaller();
  const plan = await api.plan.today().catch((error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  });
  if (!plan) return <LinkInvalid />;

  return (
    <div className="space-y-5">
      <header>
        <p className="font-semibold text-primary">{plan.clinic.name}</p>
        <h1 className="mt-1 text-2xl leading-tight font-semibold">Hello {plan.firstName}</h1>
        <p className="text-muted-foreground">Today is {formatDay(plan.today)}.</p>
      </header>

      {plan.items.length === 0 ? (
        <p className="rounded-lg border border-border bg-muted p-4 text-lg">
          Your clinician has not set any exercises for you yet. Nothing to do today — rest well.
        </p>
      ) : (
        <section aria-labelledby="today-heading" className="space-y-4">
          <h2 id="today-heading" className="text-xl font-semibold">
            Today&apos;s exercises
          </h2>
          {plan.painLimit !== null ? (
            <p className="rounded-lg border border-primary/30 bg-primary-soft p-3">
              Some discomfort is fine, but during the exercises your pain should stay at{" "}
              <strong>{plan.painLimit} out of 10</strong> or lower, and settle by the next morning.
            </p>
          ) : null}
          <ol className="space-y-4">
            {plan.items.map((item, index) => (
              <li key={item.id}>
                <ExerciseCard item={item} number={index + 1} />
              </li>
            ))}
          </ol>
        </section>
      )}

      <footer className="rounded-lg border border-border p-4">
        <h2 className="font-semibold">Questions about your plan?</h2>
        <p>Contact {plan.clinic.name}:</p>
        <ul className="mt-1 space-y-1">
          {plan.clinic.phone ? (
            <li>
              Phone:{" "}
              <a href={`tel:${plan.clinic.phone.replace(/[^+\d]/g, "")}`}>{plan.clinic.phone}</a>
            </li>
          ) : null}
          {plan.clinic.email ? (
            <li>
              Email: <a href={`mailto:${plan.clinic.email}`}>{plan.clinic.email}</a>
            </li>
          ) : null}
        </ul>
      </footer>
    </div>
  );
}
