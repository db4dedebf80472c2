import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { createCaller } from "./root";
import { createRequestContext } from "./request-context";
import { staffSessionOf } from "./request-identity";
import type { StaffSession } from "./services/auth/staff-session";

/**
 * For server components in the staff area: the checked session and a tRPC caller with the same
 * context the API uses. No session (or an ended one) sends the visitor to sign in. Checked once per
 * request (React's `cache`): the layout and the page share the check and the caller.
 */
export const requireStaffPage = cache(async function requireStaffPage(): Promise<{
  session: StaffSession;
  api: ReturnType<typeof createCaller>;
}> {
  const ctx = await createRequestContext();
  const session = await staffSessionOf(ctx);
  if (!session) redirect("/login");
  return { session, api: createCaller(ctx) };
});

/** For admin pages: a clinician is shown "not found", exactly as for a page that does not exist. */
export async function requireAdminPage() {
  const page = await requireStaffPage();
  if (page.session.role !== "admin") notFound();
  return page;
}

/** For the patient's pages: a caller whose patient tier reads the link cookie. */
export async function patientPageCaller() {
  return createCaller(await createRequestContext());
}
