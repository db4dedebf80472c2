import type { Metadata } from "next";
import { requireAdminPage } from "@/server/page-auth";
import { InviteCard } from "./invite-card";
import { PendingInvitations } from "./pending-invitations";
import { StaffList } from "./staff-list";

export const metadata: Metadata = { title: "Team" };

/** Admins only: a clinician gets the same "not found" page as for an address that does not exist. */
export default async function TeamPage() {
  const { api } = await requireAdminPage();
  const [team, invitations] = await Promise.all([api.team.list(), api.team.invitations()]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Team</h1>
        <p className="text-muted-foreground">
          Invite colleagues, change what they can do, and hand over patients when someone leaves.
        </p>
      </div>
      <StaffList members={team.members} timeZone={team.timeZone} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <InviteCard timeZone={team.timeZone} />
        <PendingInvitations invitations={invitations} timeZone={team.timeZone} />
      </div>
    </div>
  );
}
