import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { and, eq, lte, or } from "drizzle-orm";
import type { Tx } from "@/db/engine/types";
import { leases } from "@/db/schema";

/** The jobs that run on one server at a time. */
export type LeaseName = "alerts-sweep" | "audit-check" | "reminders";

/** This process, as a lease holder: stable for its life, unlike any other process's. */
export const THIS_PROCESS = `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`;

/**
 * Takes or renews the lease on a job until `now + ttlMs`, if it is free, has run out, or is already
 * this holder's (decision 023). One statement, so two servers asking at once cannot both get it:
 * the row's conflict clause updates only when the lease may change hands. Returns whether this
 * holder now has it. Run it in a write of its own (`system.write`), so the lease is committed, and
 * seen by the other servers, before the job starts.
 */
export async function takeLease(
  tx: Tx,
  options: { name: LeaseName; holder?: string; ttlMs: number; now?: Date },
): Promise<boolean> {
  const now = options.now ?? new Date();
  const holder = options.holder ?? THIS_PROCESS;
  const expiresAt = new Date(now.getTime() + options.ttlMs);
  const taken = await tx
    .insert(leases)
    .values({ name: options.name, holder, expiresAt })
    .onConflictDoUpdate({
      target: leases.name,
      set: { holder, expiresAt },
      setWhere: or(eq(leases.holder, holder), lte(leases.expiresAt, now)),
    })
    .returning({ name: leases.name });
  return taken.length === 1;
}

/** Gives the lease up at once, so another server need not wait for it to run out. */
export async function releaseLease(
  tx: Tx,
  options: { name: LeaseName; holder?: string },
): Promise<void> {
  await tx
    .delete(leases)
    .where(and(eq(leases.name, options.name), eq(leases.holder, options.holder ?? THIS_PROCESS)));
}
