"use client";

import { useMutation } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { ZLinkValidDays } from "@/lib/schemas/patient-link";
import { chosenDays, CUSTOM, LinkValidityField } from "./link-validity-field";
import { NewLinkResult, when, type NewLink } from "./new-link";

interface LinkRow {
  id: string;
  createdAt: Date;
  createdByName: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  active: boolean;
}

function linkStatus(link: LinkRow, timeZone: string) {
  if (link.revokedAt) return <Badge tone="neutral">Revoked {when(link.revokedAt, timeZone)}</Badge>;
  if (!link.active) return <Badge tone="warning">Expired {when(link.expiresAt, timeZone)}</Badge>;
  return <Badge tone="success">Works until {when(link.expiresAt, timeZone)}</Badge>;
}

/** The server's message for the days field, when it refused the number. */
function serverDaysError(error: unknown): string | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const fields = (error.data as { fieldErrors?: Record<string, string[]> } | undefined)
    ?.fieldErrors;
  return fields?.validDays?.[0];
}

/**
 * Create, copy, show as a QR code, revoke or replace the patient's personal link. A new token is
 * shown once, here only: the server keeps nothing but its hash.
 */
export function LinkPanel({
  patientId,
  patientName,
  links,
  defaultValidDays,
  disabled,
  timeZone,
}: {
  timeZone: string;
  patientId: string;
  patientName: string;
  links: LinkRow[];
  defaultValidDays: number;
  disabled: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [fresh, setFresh] = useState<NewLink | null>(null);
  const [choice, setChoice] = useState(String(defaultValidDays));
  const [customDays, setCustomDays] = useState("");
  const [daysError, setDaysError] = useState<string | undefined>();
  const [confirmingReplace, setConfirmingReplace] = useState(false);
  const replaceButton = useRef<HTMLButtonElement>(null);

  const onCreated = (
    link: { url: string; qrSvg: string; expiresAt: Date },
    revoked: number | null,
  ) => {
    setFresh({
      url: link.url,
      qrSvg: link.qrSvg,
      expiresAt: link.expiresAt,
      revokedCount: revoked,
    });
    setConfirmingReplace(false);
    router.refresh();
  };
  const onRefused = (error: unknown) => setDaysError(serverDaysError(error));
  const create = useMutation(
    trpc.patientLinks.create.mutationOptions({
      onSuccess: (link) => onCreated(link, null),
      onError: onRefused,
    }),
  );
  const replace = useMutation(
    trpc.patientLinks.replace.mutationOptions({
      onSuccess: (link) => onCreated(link, link.revokedCount),
      onError: onRefused,
    }),
  );
  const revoke = useMutation(
    trpc.patientLinks.revoke.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const busy = create.isPending || replace.isPending;
  const workingCount = links.filter((l) => l.active).length;
  const pickedDays = chosenDays(choice, customDays);

  /** The validity in days, or null after showing why the typed number cannot be used. */
  function validDays(): number | null {
    const parsed = ZLinkValidDays.safeParse(pickedDays);
    if (!parsed.success) {
      setDaysError(parsed.error.issues[0]?.message);
      document.getElementById(choice === CUSTOM ? "link-days" : "link-validity")?.focus();
      return null;
    }
    setDaysError(undefined);
    return parsed.data;
  }

  function onCreate(event: FormEvent) {
    event.preventDefault();
    const days = validDays();
    replace.reset();
    if (days !== null) create.mutate({ patientId, validDays: days });
  }

  function onReplace() {
    const days = validDays();
    create.reset();
    if (days !== null) replace.mutate({ patientId, validDays: days });
  }

  function cancelReplace() {
    setConfirmingReplace(false);
    replaceButton.current?.focus();
  }

  const failure = create.error ?? replace.error;

  return (
    <Card aria-labelledby="link-heading">
      <CardTitle id="link-heading">Patient link</CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        {patientName} opens their plan with this link on their phone. No account or code is needed.
      </p>

      {disabled ? (
        <p className="mt-3 rounded-md border border-border bg-muted p-3 text-sm">
          <strong>Links are switched off:</strong> {patientName} is discharged, so no link opens
          their plan. Re-admit them to give them a new link.
        </p>
      ) : (
        <form className="mt-3 space-y-3" onSubmit={onCreate} noValidate>
          <LinkValidityField
            defaultDays={defaultValidDays}
            choice={choice}
            customDays={customDays}
            error={daysError}
            disabled={busy}
            onChoiceChange={(value) => {
              setChoice(value);
              setDaysError(undefined);
            }}
            onCustomDaysChange={(value) => {
              setCustomDays(value);
              setDaysError(undefined);
            }}
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={busy}>
              {create.isPending ? "Creating…" : "Create a new link"}
            </Button>
            {workingCount > 0 ? (
              <Button
                ref={replaceButton}
                type="button"
                variant="secondary"
                disabled={busy}
                aria-expanded={confirmingReplace}
                aria-controls="replace-confirm"
                onClick={() => setConfirmingReplace(true)}
              >
                Replace link…
              </Button>
            ) : null}
          </div>
          <p className="text-sm text-muted-foreground">
            A new link leaves the others working. Replacing stops every working link at once and
            makes one new link, for a lost phone or a link shared by mistake.
          </p>
          {confirmingReplace ? (
            <div
              id="replace-confirm"
              role="group"
              aria-labelledby="replace-confirm-text"
              className="rounded-md border border-warning/40 bg-warning-soft p-3"
            >
              <p id="replace-confirm-text" className="text-sm">
                <strong>Replace the link?</strong>{" "}
                {workingCount === 1
                  ? "The working link stops at once"
                  : `All ${workingCount} working links stop at once`}
                , including any printed on a handout. {patientName} will need the new link
                {ZLinkValidDays.safeParse(pickedDays).success
                  ? `, which will work for ${pickedDays} days`
                  : ""}
                .
              </p>
              <div className="mt-2 flex flex-wrap gap-2">
                <Button
                  type="button"
                  variant="danger"
                  disabled={busy}
                  autoFocus
                  onClick={onReplace}
                >
                  {replace.isPending ? "Replacing…" : "Replace now"}
                </Button>
                <Button type="button" variant="secondary" disabled={busy} onClick={cancelReplace}>
                  Cancel
                </Button>
              </div>
            </div>
          ) : null}
        </form>
      )}

      {fresh ? <NewLinkResult link={fresh} patientName={patientName} timeZone={timeZone} /> : null}

      {failure && !daysError ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(failure)}
        </p>
      ) : null}
      {revoke.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(revoke.error)}
        </p>
      ) : null}

      <h3 className="mt-5 text-base font-semibold">All links</h3>
      {links.length > 0 ? (
        <ul className="mt-1 divide-y divide-border" aria-label="Links">
          {links.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2 text-sm">
              {linkStatus(link, timeZone)}
              <span className="text-muted-foreground">
                Created {when(link.createdAt, timeZone)} by {link.createdByName}
                {link.lastUsedAt
                  ? ` · last opened ${when(link.lastUsedAt, timeZone)}`
                  : " · not opened yet"}
              </span>
              {link.active ? (
                <Button
                  type="button"
                  variant="secondary"
                  size="sm"
                  className="ml-auto"
                  disabled={revoke.isPending}
                  aria-label={`Revoke the link created ${when(link.createdAt, timeZone)}`}
                  onClick={() => revoke.mutate({ linkId: link.id })}
                >
                  Revoke
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-1 text-sm text-muted-foreground">No link yet.</p>
      )}
    </Card>
  );
}
