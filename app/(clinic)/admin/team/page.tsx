import type { Metadata } from "next";
import { requireAdminPage } from "@/server/page-auth";
import { ClinicDetailsCard } from "./clinic-details-card";
import { InviteCard } from "./invite-card";
import { MailStatus } from "./mail-status";
import { PendingInvitations } from "./pending-invitations";
import { StaffList } from "./staff-list";

export const metadata: Metadata = { title: "Team" };

/** Admins only: a clinician gets the same "not found" page as for an address that does not exist. */
export default async function TeamPage() {
  const { api } = await requireAdminPage();
  const [team, invitations, settings] = await Promise.all([
    api.team.list(),
    api.team.invitations(),
    api.clinic.settings(),
  ]);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Team</h1>
        <p className="text-muted-foreground">
          Invite colleagues, change what they can do, hand over patients when someone leaves, and
          keep the clinic&apos;s details up to date.
        </p>
      </div>
      {settings.mail.configured ? null : <MailStatus mail={settings.mail} />}
      <StaffList members={team.members} timeZone={team.timeZone} />
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <InviteCard timeZone={team.timeZone} />
        <PendingInvitations invitations={invitations} timeZone={team.timeZone} />
      </div>
      <div className="grid items-start gap-6 lg:grid-cols-2">
        <ClinicDetailsCard clinic={settings.clinic} />
        {settings.mail.configured ? <MailStatus mail={settings.mail} /> : null}
      </div>
    </div>
  );
}
