import { MailCheck, TriangleAlert } from "lucide-react";
import { Card, CardTitle } from "@/components/ui/card";
import type { ClinicSettings } from "./types";

/** What each setting is, with an example, for the admin who passes it on to whoever runs Rehabit. */
const SETTING_HELP: Record<string, { what: string; example: string }> = {
  SMTP_URL: {
    what: "the mail server to send through",
    example: "smtps://user:password@mail.example.com:465",
  },
  SMTP_FROM: { what: "the sender", example: "Rehabit <no-reply@clinic.example>" },
  NEXTAUTH_URL: {
    what: "this server's public address, for the links in emails",
    example: "https://rehabit.clinic.example",
  },
};

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/**
 * Whether email works. Without it, a clear warning first on the page: what the clinic loses and
 * which settings to add. With it, a short note of where emails come from and any that are stuck.
 */
export function MailStatus({ mail }: { mail: ClinicSettings["mail"] }) {
  if (!mail.configured) {
    return (
      <section
        aria-labelledby="mail-warning-heading"
        className="rounded-lg border-2 border-warning bg-warning-soft p-4"
      >
        <h2
          id="mail-warning-heading"
          className="flex items-center gap-2 text-lg font-semibold text-warning"
        >
          <TriangleAlert aria-hidden="true" className="size-5 shrink-0" strokeWidth={2.5} />
          Warning: email is not set up
        </h2>
        <p className="mt-2">
          Nobody is emailed when a patient reports an emergency. Critical alerts are shown only as
          banners on Rehabit&apos;s pages, so they are seen only when someone is signed in, and
          invitation links must be copied and sent by hand.
        </p>
        {mail.waiting > 0 ? (
          <p className="mt-2">
            {plural(mail.waiting, "alert email is", "alert emails are")} waiting; they are sent as
            soon as email is set up.
          </p>
        ) : null}
        <p className="mt-2">
          To turn email on, ask whoever runs Rehabit to add these settings to the server and restart
          it:
        </p>
        <ul className="mt-1 list-disc space-y-1 pl-6">
          {mail.missing.map((name) => (
            <li key={name}>
              <code className="font-semibold">{name}</code>
              {SETTING_HELP[name] ? (
                <>
                  : {SETTING_HELP[name].what}, e.g.{" "}
                  <code className="break-all">{SETTING_HELP[name].example}</code>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <Card aria-labelledby="mail-heading">
      <CardTitle id="mail-heading" className="flex items-center gap-2">
        <MailCheck aria-hidden="true" className="size-5 shrink-0 text-success" />
        Email is set up
      </CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        Critical and high alerts are emailed at once to the patient&apos;s clinician and to every
        admin, from <span className="break-all">{mail.from}</span>. Invitations are emailed too.
      </p>
      {mail.waiting > 0 || mail.undelivered > 0 ? (
        <p className="mt-2 text-sm">
          {mail.waiting > 0
            ? `${plural(mail.waiting, "alert email is", "alert emails are")} waiting to be sent (the mail server may be down; they are retried). `
            : null}
          {mail.undelivered > 0
            ? `${plural(mail.undelivered, "alert email", "alert emails")} could not be sent after every retry; those alerts are still on the alerts page.`
            : null}
        </p>
      ) : null}
    </Card>
  );
}
