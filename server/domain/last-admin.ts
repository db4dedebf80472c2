import type { Role } from "@/db/schema/enums";

export interface AccountState {
  role: Role;
  active: boolean;
}

export type KeepsAdminVerdict = { ok: true } | { ok: false; message: string };

/**
 * A clinic must always keep at least one active admin, or nobody could manage its team again.
 * `activeAdmins` counts the clinic's active admins before the change, the target included.
 */
export function checkKeepsAnAdmin(options: {
  name: string;
  before: AccountState;
  after: AccountState;
  activeAdmins: number;
}): KeepsAdminVerdict {
  const { before, after } = options;
  const wasActiveAdmin = before.active && before.role === "admin";
  const staysActiveAdmin = after.active && after.role === "admin";
  if (!wasActiveAdmin || staysActiveAdmin || options.activeAdmins > 1) return { ok: true };
  const change = after.active ? "changed to clinician" : "deactivated";
  return {
    ok: false,
    message: `${options.name} is the clinic's only active admin, so they cannot be ${change}. Make someone else an admin first.`,
  };
}
