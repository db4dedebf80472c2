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
import type { PendingInvitation } from "./types";

/** Invitations not yet accepted; revoking one (after confirming) stops its link at once. */
export function PendingInvitations({
  invitations,
  timeZone,
}: {
  invitations: PendingInvitation[];
  timeZone: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState<PendingInvitation | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const revoke = useMutation(trpc.team.revokeInvitation.mutationOptions());

  function close() {
    setConfirming(null);
    revoke.reset();
  }

  function confirm(invitation: PendingInvitation) {
    revoke.mutate(
      { invitationId: invitation.id },
      {
        onSuccess: () => {
          setDone(`The invitation to ${invitation.email} was revoked; its link no longer works.`);
          setConfirming(null);
          router.refresh();
        },
      },
    );
  }

  return (
    <Card aria-labelledby="pending-heading">
      <CardTitle id="pending-heading">Pending invitations</CardTitle>
      <p role="status" className="mt-1 text-sm">
        {done}
      </p>
      {invitations.length === 0 ? (
        <div className="mt-3 rounded-md border border-dashed border-border p-6 text-center">
          <p className="font-medium">No invitations waiting.</p>
          <p className="text-sm text-muted-foreground">
            People you invite appear here until they accept.
          </p>
        </div>
      ) : (
        <ul className="mt-2 divide-y divide-border" aria-label="Pending invitations">
          {invitations.map((invitation) => (
            <li key={invitation.id} className="flex flex-wrap items-center gap-x-3 gap-y-2 py-3">
              <div className="min-w-0 flex-1 basis-52">
                <p className="font-medium break-all">{invitation.email}</p>
                <p className="text-sm text-muted-foreground">
                  {ROLE_LABELS[invitation.role]} · invited by {invitation.invitedByName} on{" "}
                  {formatInstant(invitation.createdAt, timeZone)}
                </p>
                <p className="mt-1 text-sm">
                  {invitation.expired ? (
                    <Badge tone="warning">Expired — invite again for a new link</Badge>
                  ) : (
                    <Badge tone="info">
                      Link works until {formatInstant(invitation.expiresAt, timeZone)}
                    </Badge>
                  )}
                </p>
              </div>
              <Button
                type="button"
                variant="secondary"
                size="sm"
                onClick={() => setConfirming(invitation)}
              >
                {invitation.expired ? "Remove" : "Revoke"}
                <span className="sr-only"> the invitation to {invitation.email}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={confirming !== null}
        onClose={close}
        title={confirming?.expired ? "Remove this invitation?" : "Revoke this invitation?"}
      >
        {confirming ? (
          <>
            <p className="mt-2">
              The link sent to <strong className="break-all">{confirming.email}</strong> will stop
              working at once. You can invite them again later.
            </p>
            {revoke.error ? (
              <p role="alert" className="mt-3 text-sm text-danger">
                {errorMessage(revoke.error)}
              </p>
            ) : null}
            <div className="mt-5 flex flex-wrap justify-end gap-2">
              <Button type="button" variant="secondary" onClick={close} autoFocus>
                Keep it
              </Button>
              <Button
                type="button"
                variant="danger"
                disabled={revoke.isPending}
                onClick={() => confirm(confirming)}
              >
                {revoke.isPending ? "Revoking…" : confirming.expired ? "Remove" : "Revoke"}
              </Button>
            </div>
          </>
        ) : null}
      </Dialog>
    </Card>
  );
}
