import Link from "next/link";
import { telHref, type ClinicContact } from "./red-flag-advice";

/**
 * Always shown with the thread (CLINICAL.md, "Red flags"; decision 033): nobody and nothing reads
 * a message as it arrives, so a worrying symptom must not wait in one. Says so plainly, with the
 * emergency number and the clinic's phone as tap-to-call links and the way to the safety check.
 */
export function MessageSafetyNote({ clinic }: { clinic: ClinicContact }) {
  return (
    <section
      aria-labelledby="message-safety-heading"
      className="rounded-lg border-2 border-danger/60 bg-danger-soft p-4"
    >
      <h2 id="message-safety-heading" className="text-lg font-bold text-danger">
        Not for urgent problems
      </h2>
      <p className="mt-1">
        Your clinic reads messages when the team is working, which may be a day or more. Rehabit
        does not read your message for warning signs, so writing about a new or serious symptom here
        does not alert anyone.
      </p>
      <p className="mt-2 font-semibold">
        In an emergency call{" "}
        <a
          className="whitespace-nowrap text-danger underline"
          href={telHref(clinic.emergencyNumber)}
        >
          {clinic.emergencyNumber}
        </a>{" "}
        now.
        {clinic.phone ? (
          <>
            {" "}
            For something that cannot wait, phone {clinic.name} on{" "}
            <a className="whitespace-nowrap underline" href={telHref(clinic.phone)}>
              {clinic.phone}
            </a>
            .
          </>
        ) : null}
      </p>
      <p className="mt-2">
        New symptoms? Answer{" "}
        <Link className="font-semibold underline" href="/p/safety">
          I have new symptoms
        </Link>
        : it tells you what to do straight away.
      </p>
    </section>
  );
}
