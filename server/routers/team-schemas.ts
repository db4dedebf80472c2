import { z } from "zod";
import { ROLES } from "@/db/schema/enums";
import { checkPassword } from "@/server/domain/password-policy";
import { ZId } from "./schemas";

/**
 * Inputs and outputs of the team procedures. Kept apart from the router so the browser's forms
 * validate with exactly these rules without bundling any server code.
 */

export const ZEmailAddress = z
  .string()
  .trim()
  .toLowerCase()
  .min(1, "Enter the person's email address.")
  .max(320, "That email address is too long.")
  .pipe(z.email("Enter a full email address, like name@clinic.example."));

export const ZPersonName = z
  .string()
  .trim()
  .min(1, "Enter your name as colleagues should see it.")
  .max(100, "Use at most 100 characters for the name.");

/** The context-free part of the policy; the server adds the person's own name and email. */
export const ZNewPassword = z.string().superRefine((value, ctx) => {
  const verdict = checkPassword(value);
  if (!verdict.ok) ctx.addIssue({ code: "custom", message: verdict.message });
});

/** Loose on purpose: a malformed token gets the same answer as an expired one, from the service. */
const ZLinkToken = z.string().max(200);

const ZRole = z.enum(ROLES, "Choose a role.");

export const ZAssignment = z.object({ patientId: ZId, toUserId: ZId });
const ZAssignments = z.array(ZAssignment).max(5000);

export const ZInviteStaffInput = z.object({ email: ZEmailAddress, role: ZRole });
export const ZInviteStaffOutput = z.object({
  id: z.string(),
  email: z.string(),
  role: z.enum(ROLES),
  expiresAt: z.date(),
  token: z.string(),
  emailStatus: z.enum(["sent", "failed", "off"]),
});

export const ZRevokeInvitationInput = z.object({ invitationId: ZId });
/** When the invitation's link stopped working: now, or when it was revoked before. */
export const ZRevokeInvitationOutput = z.object({ id: z.string(), revokedAt: z.date() });

export const ZListInvitationsOutput = z.array(
  z.object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    createdAt: z.date(),
    expiresAt: z.date(),
    invitedByName: z.string(),
    expired: z.boolean(),
  }),
);

export const ZListTeamOutput = z.object({
  timeZone: z.string(),
  members: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      role: z.enum(ROLES),
      active: z.boolean(),
      lastLoginAt: z.date().nullable(),
      createdAt: z.date(),
      activePatients: z.number(),
      isYou: z.boolean(),
    }),
  ),
});

export const ZChangeRoleInput = z.object({ userId: ZId, role: ZRole });
export const ZChangeRoleOutput = z.object({ id: z.string(), role: z.enum(ROLES) });
export const ZDeactivateUserInput = z.object({
  userId: ZId,
  assignments: ZAssignments.default([]),
});
/** How many active patients went to colleagues; 0 when the account was already inactive. */
export const ZDeactivateUserOutput = z.object({
  id: z.string(),
  active: z.boolean(),
  patientsReassigned: z.number().int(),
});
export const ZReactivateUserInput = z.object({ userId: ZId });
export const ZReactivateUserOutput = z.object({ id: z.string(), active: z.boolean() });
export const ZCreatePasswordResetInput = z.object({ userId: ZId });
export const ZCreatePasswordResetOutput = z.object({
  id: z.string(),
  token: z.string(),
  expiresAt: z.date(),
  name: z.string(),
});

export const ZListCaseloadInput = z.object({ userId: ZId });
export const ZListCaseloadOutput = z.array(
  z.object({ id: z.string(), displayName: z.string(), condition: z.string() }),
);
export const ZReassignPatientsInput = z.object({
  fromUserId: ZId,
  assignments: ZAssignments.min(1, "Choose at least one patient to move."),
});
export const ZReassignPatientsOutput = z.object({ moved: z.number().int() });

export const ZDescribeLinkInput = z.object({ token: ZLinkToken });
export const ZDescribeInvitationOutput = z.object({
  email: z.string(),
  role: z.enum(ROLES),
  clinicName: z.string(),
  expiresAt: z.date(),
  /** Only for the signed-in owner of an account with the invited address; null for anyone else. */
  existingAccount: z.object({ clinicName: z.string(), sameClinic: z.boolean() }).nullable(),
});
export const ZDescribePasswordResetOutput = z.object({ email: z.string(), name: z.string() });

export const ZAcceptInvitationInput = z.object({
  token: ZLinkToken,
  name: ZPersonName,
  password: ZNewPassword,
});
export const ZResetPasswordInput = z.object({ token: ZLinkToken, password: ZNewPassword });
export const ZSignInEmailOutput = z.object({ email: z.string() });
