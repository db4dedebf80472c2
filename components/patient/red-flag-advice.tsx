import type { RedFlagLevel } from "@/server/domain/red-flags";

export interface ClinicContact {
  name: string;
  phone: string | null;
  email: string | null;
}

export function ClinicContactList({ clinic }: { clinic: ClinicContact }) {
  return (
    <ul className="mt-1 space-y-1">
      {clinic.phone ? (
        <li>
          Phone:{" "}
          <a className="font-semibold" href={`tel:${clinic.phone.replace(/[^+\d]/g, "")}`}>
            {clinic.phone}
          </a>
        </li>
      ) : null}
      {clinic.email ? (
        <li>
          Email:{" "}
          <a className="font-semibold break-all" href={`mailto:${clinic.email}`}>
            {clinic.email}
          </a>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * What to do now after a red-flag answer (CLINICAL.md, "Red flags"). Shown before anything else;
 * the heading takes focus so a screen reader reads it first.
 */
export function RedFlagAdvice({
  level,
  clinic,
  delivery,
}: {
  level: RedFlagLevel;
  clinic: ClinicContact;
  /** Whether the clinic has the answers yet; "waiting" must not hold the patient back. */
  delivery: "sending" | "sent" | "waiting";
}) {
  if (level === "emergency") {
    return (
      <section
        aria-labelledby="emergency-heading"
        className="rounded-lg border-4 border-danger bg-danger-soft p-4 text-foreground"
      >
        <h2 id="emergency-heading" tabIndex={-1} className="text-2xl font-bold text-danger">
          <span aria-hidden="true">⚠ </span>Get help now
        </h2>
        <p className="mt-2 text-xl font-semibold">
          Call the emergency number or go to an emergency department now.
        </p>
        <p className="mt-2">
          Your answers can be a sign of a problem that needs a doctor today, straight away. Do not
          wait for your clinic to reply, and do not do your exercises.
        </p>
        {delivery === "sending" ? null : (
          <p className="mt-2">
            {delivery === "waiting"
              ? "Your answers are saved on this phone and will reach your clinic when you are back online. Do not wait for that."
              : `We have told ${clinic.name}.`}
          </p>
        )}
      </section>
    );
  }
  return (
    <section
      aria-labelledby="urgent-heading"
      className="rounded-lg border-4 border-warning bg-warning-soft p-4 text-foreground"
    >
      <h2 id="urgent-heading" tabIndex={-1} className="text-2xl font-bold text-warning">
        <span aria-hidden="true">⚠ </span>Stop the exercises and contact your clinic today
      </h2>
      <p className="mt-2">
        Your answers need to be checked by your clinician. Please do not do your exercises until you
        have spoken to {clinic.name}.
      </p>
      <div className="mt-2">
        <ClinicContactList clinic={clinic} />
      </div>
      {delivery === "sending" ? null : (
        <p className="mt-2">
          {delivery === "waiting"
            ? "Your answers are saved on this phone and will reach your clinic when you are back online; please call them as well."
            : "We have let your clinic know too."}
        </p>
      )}
      <p className="mt-2">
        If it gets much worse, call the emergency number or go to an emergency department.
      </p>
    </section>
  );
}
