import { TRPCError } from "@trpc/server";
import { ZodRealError } from "zod";
import { systemData } from "@/server/data/clinic-data";
import { resolveStaffSession } from "@/server/services/auth/staff-session";
import { acceptInvitation, describeInvitation } from "@/server/services/team/accept-invitation";
import { changeRole, deactivateUser, reactivateUser } from "@/server/services/team/accounts";
import { InvalidLinkError, PasswordRejectedError } from "@/server/services/team/errors";
import { inviteStaff, listInvitations, revokeInvitation } from "@/server/services/team/invitations";
import { listTeam } from "@/server/services/team/list-team";
import {
  createPasswordReset,
  describePasswordReset,
  resetPassword,
} from "@/server/services/team/password-reset";
import { listCaseload, reassignPatients } from "@/server/services/team/reassign-patients";
import { adminProcedure, publicProcedure, router } from "@/server/trpc";
import {
  ZAcceptInvitationInput,
  ZChangeRoleInput,
  ZChangeRoleOutput,
  ZCreatePasswordResetInput,
  ZCreatePasswordResetOutput,
  ZDeactivateUserInput,
  ZDeactivateUserOutput,
  ZDescribeInvitationOutput,
  ZDescribeLinkInput,
  ZDescribePasswordResetOutput,
  ZInviteStaffInput,
  ZInviteStaffOutput,
  ZListCaseloadInput,
  ZListCaseloadOutput,
  ZListInvitationsOutput,
  ZListTeamOutput,
  ZReactivateUserInput,
  ZReactivateUserOutput,
  ZReassignPatientsInput,
  ZReassignPatientsOutput,
  ZResetPasswordInput,
  ZRevokeInvitationInput,
  ZRevokeInvitationOutput,
  ZSignInEmailOutput,
} from "./team-schemas";

/**
 * For the public invitation and reset links: every unusable link answers NOT_FOUND with one
 * constant message, and a password the server refuses comes back as a message on that field.
 */
const linkProcedure = publicProcedure.use(async ({ next }) => {
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof InvalidLinkError) {
      throw new TRPCError({ code: "NOT_FOUND", message: cause.message });
    }
    if (cause instanceof PasswordRejectedError) {
      throw new TRPCError({
        code: "BAD_REQUEST",
        message: cause.message,
        cause: new ZodRealError([
          { code: "custom", path: ["password"], message: cause.message, input: undefined },
        ]),
      });
    }
  }
  return result;
});

export const teamRouter = router({
  list: adminProcedure.output(ZListTeamOutput).query(({ ctx }) => listTeam({ scope: ctx.scope })),
  invitations: adminProcedure
    .output(ZListInvitationsOutput)
    .query(({ ctx }) => listInvitations({ scope: ctx.scope })),
  caseload: adminProcedure
    .input(ZListCaseloadInput)
    .output(ZListCaseloadOutput)
    .query(({ ctx, input }) => listCaseload({ scope: ctx.scope, userId: input.userId })),
  invite: adminProcedure
    .input(ZInviteStaffInput)
    .output(ZInviteStaffOutput)
    .mutation(({ ctx, input }) =>
      // The system path only to learn whether the address has an account at another clinic.
      inviteStaff({ scope: ctx.scope, system: systemData(ctx.db), ...input }),
    ),
  revokeInvitation: adminProcedure
    .input(ZRevokeInvitationInput)
    .output(ZRevokeInvitationOutput)
    .mutation(({ ctx, input }) =>
      revokeInvitation({ scope: ctx.scope, invitationId: input.invitationId }),
    ),
  changeRole: adminProcedure
    .input(ZChangeRoleInput)
    .output(ZChangeRoleOutput)
    .mutation(({ ctx, input }) => changeRole({ scope: ctx.scope, ...input })),
  deactivate: adminProcedure
    .input(ZDeactivateUserInput)
    .output(ZDeactivateUserOutput)
    .mutation(({ ctx, input }) => deactivateUser({ scope: ctx.scope, ...input })),
  reactivate: adminProcedure
    .input(ZReactivateUserInput)
    .output(ZReactivateUserOutput)
    .mutation(({ ctx, input }) => reactivateUser({ scope: ctx.scope, userId: input.userId })),
  createPasswordReset: adminProcedure
    .input(ZCreatePasswordResetInput)
    .output(ZCreatePasswordResetOutput)
    .mutation(({ ctx, input }) => createPasswordReset({ scope: ctx.scope, userId: input.userId })),
  reassignPatients: adminProcedure
    .input(ZReassignPatientsInput)
    .output(ZReassignPatientsOutput)
    .mutation(({ ctx, input }) => reassignPatients({ scope: ctx.scope, ...input })),

  describeInvitation: linkProcedure
    .input(ZDescribeLinkInput)
    .output(ZDescribeInvitationOutput)
    .query(async ({ ctx, input }) => {
      // Invitation and reset links are no clinic's until their token is found: the system path.
      const system = systemData(ctx.db);
      return describeInvitation({
        system,
        token: input.token,
        // Public, yet it tells the account's owner (signed in) what to do: see the service.
        viewer: await resolveStaffSession({
          system,
          claims: await ctx.readStaffClaims(),
          limits: ctx.limits,
        }),
      });
    }),
  acceptInvitation: linkProcedure
    .input(ZAcceptInvitationInput)
    .output(ZSignInEmailOutput)
    .mutation(({ ctx, input }) =>
      acceptInvitation({ system: systemData(ctx.db), ip: ctx.ip, ...input }),
    ),
  describePasswordReset: linkProcedure
    .input(ZDescribeLinkInput)
    .output(ZDescribePasswordResetOutput)
    .query(({ ctx, input }) =>
      describePasswordReset({ system: systemData(ctx.db), token: input.token }),
    ),
  resetPassword: linkProcedure
    .input(ZResetPasswordInput)
    .output(ZSignInEmailOutput)
    .mutation(({ ctx, input }) =>
      resetPassword({ system: systemData(ctx.db), ip: ctx.ip, ...input }),
    ),
});
