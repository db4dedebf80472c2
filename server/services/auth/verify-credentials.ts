import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import type { Role } from "@/db/schema/enums";
import { burnPasswordCheck, verifyPassword } from "@/server/auth/password";

export interface VerifiedUser {
  id: string;
  clinicId: string;
  role: Role;
  name: string;
  email: string;
  sessionVersion: number;
}

/**
 * Checks an email and password. Unknown email, wrong password and a deactivated account all return
 * null after the same amount of work, so the sign-in page cannot tell them apart.
 */
export async function verifyCredentials(options: {
  db: Db;
  email: string;
  password: string;
}): Promise<VerifiedUser | null> {
  const email = options.email.trim().toLowerCase();
  const user = options.db.select().from(users).where(eq(users.email, email)).get();
  if (!user) {
    await burnPasswordCheck(options.password);
    return null;
  }
  const ok = await verifyPassword(user.passwordHash, options.password);
  if (!ok || !user.active) return null;
  options.db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id)).run();
  return {
    id: user.id,
    clinicId: user.clinicId,
    role: user.role,
    name: user.name,
    email: user.email,
    sessionVersion: user.sessionVersion,
  };
}
