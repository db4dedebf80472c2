"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Dialog } from "@/components/team/dialog";
import { formatInstant, ROLE_LABELS } from "@/components/team/labels";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ChangeRoleBody, DeactivateBody, HandOverBody, ResetLinkBody } from "./member-dialogs";
import type { TeamMember } from "./types";

type ActionKind = "role" | "deactivate" | "handOver" | "reset";
interface OpenAction {
  kind: ActionKind;
  member: TeamMember;
}

const TITLES: Record<ActionKind, (m: TeamMember) => string> = {
  role: (m) =>
    m.role === "clinician" ? `Make ${m.name} an admin?` : `Make ${m.name} a clinician?`,
  deactivate: (m) => `Deactivate ${m.name}?`,
  handOver: (m) => `Hand over ${m.name}'s patients`,
  reset: (m) => `Password reset link for ${m.name}`,
};

const BODIES = {
  role: ChangeRoleBody,
  deactivate: DeactivateBody,
  handOver: HandOverBody,
  reset: ResetLinkBody,
} as const;

/** Column widths shared by the header row and every person's row on wide screens. */
const GRID =
  "md:grid md:grid-cols-[minmax(0,2.2fr)_minmax(0,0.9fr)_minmax(0,1fr)_minmax(0,1.3fr)_minmax(0,0.8fr)] md:items-center md:gap-x-4";

function Detail({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="flex items-baseline gap-2 md:block">
      <dt className="w-28 shrink-0 text-sm text-muted-foreground md:sr-only">{label}</dt>
      <dd className="text-sm">{children}</dd>
    </div>
  );
}

export function StaffList({ members, timeZone }: { members: TeamMember[]; timeZone: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState<OpenAction | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const reactivate = useMutation(trpc.team.reactivate.mutationOptions());
  const Body = open ? BODIES[open.kind] : null;

  function done(text: string) {
    const leftAdmins = open?.member.isYou && open.kind === "role" && open.member.role === "admin";
    setOpen(null);
    setMessage(text);
    // Someone who just stepped down as admin can no longer see this page.
    if (leftAdmins) router.replace("/patients");
    else router.refresh();
  }

  const colleaguesOf = (member: TeamMember) =>
    members.filter((m) => m.active && m.id !== member.id);

  return (
    <Card aria-labelledby="staff-heading">
      <CardTitle id="staff-heading">Staff</CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        {members.filter((m) => m.active).length} active · {members.filter((m) => !m.active).length}{" "}
        deactivated
      </p>
      <div role="status" className="mt-2">
        {message ? (
          <p className="rounded-md border border-success/30 bg-success-soft p-3 text-sm text-success">
            {message}
          </p>
        ) : null}
      </div>
      {reactivate.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(reactivate.error)}
        </p>
      ) : null}
      {members.length === 0 ? (
        <div className="mt-3 rounded-md border border-dashed border-border p-6 text-center">
          <p className="font-medium">No one in the team yet.</p>
          <p className="text-sm text-muted-foreground">Invite colleagues below.</p>
        </div>
      ) : (
        <>
          <div
            aria-hidden="true"
            className={`mt-3 hidden border-b border-border pb-2 text-sm font-semibold ${GRID}`}
          >
            <span>Person</span>
            <span>Role</span>
            <span>Status</span>
            <span>Last sign-in</span>
            <span>Active patients</span>
          </div>
          <ul aria-label="Staff" className="divide-y divide-border">
            {members.map((member) => (
              <li key={member.id} className="py-3">
                <div className={GRID}>
                  <div className="min-w-0">
                    <p className="font-medium">
                      {member.name}
                      {member.isYou ? (
                        <Badge tone="info" className="ml-2 align-middle">
                          You
                        </Badge>
                      ) : null}
                    </p>
                    <p className="text-sm break-all text-muted-foreground">{member.email}</p>
                  </div>
                  <dl className="mt-2 space-y-1 md:contents">
                    <Detail label="Role">{ROLE_LABELS[member.role]}</Detail>
                    <Detail label="Status">
                      {member.active ? (
                        <Badge tone="success">Active</Badge>
                      ) : (
                        <Badge tone="neutral">Deactivated</Badge>
                      )}
                    </Detail>
                    <Detail label="Last sign-in">
                      {member.lastLoginAt ? formatInstant(member.lastLoginAt, timeZone) : "Never"}
                    </Detail>
                    <Detail label="Active patients">{member.activePatients}</Detail>
                  </dl>
                </div>
                <div className="mt-3 flex flex-wrap gap-2">
                  {member.active ? (
                    <>
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        onClick={() => setOpen({ kind: "role", member })}
                      >
                        {member.role === "clinician" ? "Make admin" : "Make clinician"}
                        <span className="sr-only">: {member.name}</span>
                      </Button>
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        onClick={() => setOpen({ kind: "reset", member })}
                      >
                        Password reset link<span className="sr-only"> for {member.name}</span>
                      </Button>
                      {member.activePatients > 0 ? (
                        <Button
                          type="button"
                          variant="secondary"
                          size="sm"
                          onClick={() => setOpen({ kind: "handOver", member })}
                        >
                          Hand over patients<span className="sr-only"> of {member.name}</span>
                        </Button>
                      ) : null}
                      <Button
                        type="button"
                        variant="secondary"
                        size="sm"
                        className="border-danger/40 text-danger hover:bg-danger-soft"
                        onClick={() => setOpen({ kind: "deactivate", member })}
                      >
                        Deactivate<span className="sr-only"> {member.name}</span>
                      </Button>
                    </>
                  ) : (
                    <Button
                      type="button"
                      variant="secondary"
                      size="sm"
                      disabled={reactivate.isPending}
                      onClick={() =>
                        reactivate.mutate(
                          { userId: member.id },
                          { onSuccess: () => done(`${member.name} can sign in again.`) },
                        )
                      }
                    >
                      Reactivate<span className="sr-only"> {member.name}</span>
                    </Button>
                  )}
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
      <Dialog
        open={open !== null}
        onClose={() => setOpen(null)}
        title={open ? TITLES[open.kind](open.member) : ""}
      >
        {open && Body ? (
          <Body
            key={`${open.kind}-${open.member.id}`}
            member={open.member}
            colleagues={colleaguesOf(open.member)}
            timeZone={timeZone}
            onCancel={() => setOpen(null)}
            onDone={done}
          />
        ) : null}
      </Dialog>
    </Card>
  );
}
