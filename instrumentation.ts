import type { PgEngine } from "@/db/engine/pg";

/**
 * Starts the server's timers when the Node.js server boots (not during `next build`, not in the
 * edge runtime): the hourly-or-better sweep of the time-based alerts (`npm run alerts:sweep` does
 * the same once, for an external scheduler), and, when email is configured, the outbox runner that
 * sends alert emails left pending by a restart or a mail server outage; and the check of each
 * clinic's audit chain, which logs an anchor (the chain's latest hash) every time it runs. Of
 * several servers on one database, each starts its timers; the sweep's and the check's leases
 * let one of them do the work at a time (decision 023).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const [
    { env },
    { getEngine },
    { systemData },
    { startSweepTimer },
    { startOutboxTimer },
    { startAuditCheckTimer },
    { startReminderTimer, reminderRoundMs },
  ] = await Promise.all([
    import("@/server/env"),
    import("@/db/engine"),
    import("@/server/data/clinic-data"),
    import("@/server/services/clinical/sweep-timer"),
    import("@/server/services/notifications/outbox-runner"),
    import("@/server/services/audit/audit-check-timer"),
    import("@/server/services/patient-notify/reminder-timer"),
  ]);
  const config = env();
  const engine = getEngine();
  // On PostgreSQL the migrations run as the engine opens: a failed migration stops the server
  // here, before any timer or request meets a half-migrated database.
  if (engine.kind === "pg") await (engine as PgEngine).ready;
  const system = () => systemData(getEngine());
  startSweepTimer({ system, minutes: config.alertSweepMinutes });
  startAuditCheckTimer({ system, hours: config.auditCheckHours });
  // Patients' push reminders need no mail: the outbox runs either way.
  startOutboxTimer({ seconds: 30 });
  if (!config.mail) {
    console.log(
      "[outbox] email is not configured: alert emails wait until SMTP_URL, SMTP_FROM and NEXTAUTH_URL are set",
    );
  }
  const everyMs = reminderRoundMs();
  if (everyMs > 0) startReminderTimer({ system, everyMs });
}
