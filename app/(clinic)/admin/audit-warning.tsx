import { ShieldAlert } from "lucide-react";
import { dateTimeFormat } from "@/lib/intl-format";
import type { AuditStatus } from "@/server/routers/clinic";

/** What each problem means, for an admin who passes it on to whoever runs Rehabit. */
const PROBLEM_WORDS: Record<NonNullable<NonNullable<AuditStatus["latest"]>["problem"]>, string> = {
  "hash-mismatch": "the entry was changed after it was written",
  "link-broken": "an entry before it was removed, or changed and re-sealed",
  missing: "entries that an earlier check saw are no longer there",
  "anchor-mismatch": "the trail was rewritten since a backup recorded it",
};

/**
 * The warning on every admin page when the latest check of the clinic's audit trail failed
 * (decision 021): when, which entry, what is wrong and what to do. Row ids and positions only,
 * never what the entry records.
 */
export function AuditWarning({ status }: { status: AuditStatus }) {
  const check = status.latest;
  if (!check || check.status !== "broken") return null;
  const when = dateTimeFormat({
    dateStyle: "medium",
    timeStyle: "short",
    timeZone: status.timeZone,
  }).format(check.checkedAt);
  return (
    <section
      aria-labelledby="audit-warning-heading"
      className="rounded-lg border-2 border-danger bg-danger-soft p-4"
    >
      <h2
        id="audit-warning-heading"
        className="flex items-center gap-2 text-lg font-semibold text-danger"
      >
        <ShieldAlert aria-hidden="true" className="size-5 shrink-0" strokeWidth={2.5} />
        The audit trail failed its integrity check
      </h2>
      <p className="mt-2">
        The check on {when} found that entry number {check.brokenPosition ?? "?"} of this
        clinic&apos;s audit trail does not fit the entries before it:{" "}
        {check.problem ? PROBLEM_WORDS[check.problem] : "it could not be verified"}.
        {check.brokenEventId ? (
          <>
            {" "}
            Entry id: <code className="break-all">{check.brokenEventId}</code>.
          </>
        ) : null}
      </p>
      <p className="mt-2">
        Someone may have altered the database directly. Tell whoever runs Rehabit today: they can
        run <code>npm run audit:verify</code> against the database and its latest backups to find
        when it happened. This warning stays until the trail checks out again, for example after
        restoring a good backup.
      </p>
    </section>
  );
}
