import { formatDay } from "@/lib/labels";
import type { RedFlagLevel } from "@/server/domain/red-flags";

export interface ClinicContact {
  name: string;
  phone: string | null;
  email: string | null;
  /** What the emergency advice tells the patient to call, e.g. "999". */
  emergencyNumber: string;
}

/** A number as a phone dials it: digits and a leading plus only. */
export function telHref(number: string): string {
  return `tel:${number.replace(/[^+\d]/g, "")}`;
}

export function ClinicContactList({ clinic }: { clinic: ClinicContact }) {
  return (
    <ul className="mt-1 space-y-1">
      {clinic.phone ? (
        <li>
          Phone:{" "}
          <a className="font-semibold" href={telHref(clinic.phone)}>
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

const callButton =
  "flex min-h-14 w-full items-center justify-center gap-2 rounded-md px-4 py-2 text-center text-xl font-bold no-underline focus-visible:outline-3 focus-visible:outline-offset-2 focus-visible:outline-ring sm:w-auto sm:min-w-64";

function PhoneIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 24 24" className="size-6 shrink-0" fill="currentColor">
      <path d="M6.6 10.8a15.1 15.1 0 0 0 6.6 6.6l2.2-2.2a1 1 0 0 1 1-.25 11.4 11.4 0 0 0 3.6.57 1 1 0 0 1 1 1V20a1 1 0 0 1-1 1A17 17 0 0 1 3 4a1 1 0 0 1 1-1h3.5a1 1 0 0 1 1 1c0 1.25.2 2.45.57 3.57a1 1 0 0 1-.25 1l-2.22 2.23Z" />
    </svg>
  );
}

/**
 * What to do now after a red-flag answer (CLINICAL.md, "Red flags"), naming the clinic's
 * emergency number as a tap-to-call link. Shown before anything else; the heading takes focus so
 * a screen reader reads it first. Works from what the phone already has: no network needed.
 */
export function RedFlagAdvice({
  level,
  clinic,
  delivery,
  pausedUntil,
}: {
  level: RedFlagLevel;
  clinic: ClinicContact;
  /** Whether the clinic has the answers yet; "waiting" must not hold the patient back. */
  delivery: "sending" | "sent" | "waiting";
  /** On the plan: the first day the exercises come back by themselves (the pause's end). */
  pausedUntil?: string;
}) {
  const emergency = clinic.emergencyNumber;
  const pauseNote = pausedUntil ? (
    <p className="mt-3 rounded-md border border-border bg-background p-3">
      <strong>Your exercises are paused</strong> until your clinic has looked at your answers, or
      until {formatDay(pausedUntil)} at the latest.
    </p>
  ) : null;

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
          Call {emergency} now, or go to an emergency department.
        </p>
        <p className="mt-3">
          <a href={telHref(emergency)} className={`${callButton} bg-danger text-white`}>
            <PhoneIcon />
            Call {emergency}
          </a>
        </p>
        <p className="mt-3">
          Your answers can be a sign of a problem that needs a doctor straight away. Do not wait for
          your clinic to reply, and do not do your exercises.
        </p>
        <DeliveryNote delivery={delivery} clinicName={clinic.name} level={level} />
        {pauseNote}
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
      {clinic.phone ? (
        <p className="mt-3">
          <a
            href={telHref(clinic.phone)}
            className={`${callButton} bg-primary text-primary-foreground`}
          >
            <PhoneIcon />
            <span>
              Call your clinic <span className="whitespace-nowrap">{clinic.phone}</span>
            </span>
          </a>
        </p>
      ) : null}
      {clinic.email ? (
        <p className="mt-2">
          Or email{" "}
          <a className="font-semibold break-all" href={`mailto:${clinic.email}`}>
            {clinic.email}
          </a>
        </p>
      ) : null}
      <DeliveryNote delivery={delivery} clinicName={clinic.name} level={level} />
      <p className="mt-3">
        If it gets much worse, call{" "}
        <a className="font-bold whitespace-nowrap text-danger" href={telHref(emergency)}>
          {emergency}
        </a>{" "}
        or go to an emergency department.
      </p>
      {pauseNote}
    </section>
  );
}

function DeliveryNote({
  delivery,
  clinicName,
  level,
}: {
  delivery: "sending" | "sent" | "waiting";
  clinicName: string;
  level: RedFlagLevel;
}) {
  const text =
    delivery === "sending"
      ? `Sending your answers to ${clinicName}…`
      : delivery === "waiting"
        ? level === "emergency"
          ? "Your answers are saved on this phone and will reach your clinic when you are back online. Do not wait for that."
          : "Your answers are saved on this phone and will reach your clinic when you are back online; please call them as well."
        : level === "emergency"
          ? `We have told ${clinicName}.`
          : "We have let your clinic know too.";
  return (
    <p className="mt-2" role="status">
      {text}
    </p>
  );
}
