import type { Context } from "./context";
import { systemData } from "./data/clinic-data";
import { resolveStaffSession, type StaffSession } from "./services/auth/staff-session";
import {
  resolvePatientLink,
  type ResolvedPatientLink,
} from "./services/patient-links/resolve-patient-link";

/**
 * Who a request is, checked against the database once per request: a page's layout, the page and
 * every procedure it calls (or every call of one tRPC batch) share one check of the staff session
 * or of the patient's link, instead of one read each. A request is one moment; a sign-out or a
 * revoked link is seen by the next request. A check that fails (the database threw) is not kept,
 * so the next call of the request tries again.
 */
export interface RequestIdentity {
  staff?: Promise<StaffSession | null>;
  patientLink?: Promise<ResolvedPatientLink | null>;
}

function once<T>(
  identity: RequestIdentity,
  key: keyof RequestIdentity,
  check: () => Promise<T>,
): Promise<T> {
  const kept = identity[key] as Promise<T> | undefined;
  if (kept) return kept;
  const pending = check();
  (identity as Record<string, Promise<unknown>>)[key] = pending;
  pending.catch(() => {
    if (identity[key] === pending) delete identity[key];
  });
  return pending;
}

type IdentityContext = Pick<
  Context,
  "db" | "identity" | "readStaffClaims" | "limits" | "patientToken"
>;

/** The signed-in staff member's session, or null; read once per request. */
export function staffSessionOf(ctx: IdentityContext): Promise<StaffSession | null> {
  return once(ctx.identity, "staff", async () =>
    resolveStaffSession({
      system: systemData(ctx.db),
      claims: await ctx.readStaffClaims(),
      limits: ctx.limits,
    }),
  );
}

/** The active link behind the request's patient cookie, or null; looked up once per request. */
export function patientLinkOf(ctx: IdentityContext): Promise<ResolvedPatientLink | null> {
  return once(ctx.identity, "patientLink", () =>
    resolvePatientLink({ system: systemData(ctx.db), token: ctx.patientToken }),
  );
}
