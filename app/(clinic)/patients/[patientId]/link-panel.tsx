"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { Input, Label } from "@/components/ui/input";

interface LinkRow {
  id: string;
  createdAt: Date;
  createdByName: string;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  active: boolean;
}

const when = (d: Date) => d.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });

function linkStatus(link: LinkRow) {
  if (link.revokedAt) return <Badge tone="neutral">Revoked {when(link.revokedAt)}</Badge>;
  if (!link.active) return <Badge tone="warning">Expired</Badge>;
  return <Badge tone="success">Works until {when(link.expiresAt)}</Badge>;
}

/** Create, copy and revoke the patient's personal link. A new token is shown once, here only. */
export function LinkPanel({
  patientId,
  patientName,
  links,
  disabled,
}: {
  patientId: string;
  patientName: string;
  links: LinkRow[];
  disabled: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [fresh, setFresh] = useState<{ url: string; expiresAt: Date } | null>(null);
  const [copied, setCopied] = useState(false);
  const create = useMutation(
    trpc.patientLinks.create.mutationOptions({
      onSuccess: (link) => {
        setFresh({ url: `${window.location.origin}/p/${link.token}`, expiresAt: link.expiresAt });
        setCopied(false);
        router.refresh();
      },
    }),
  );
  const revoke = useMutation(
    trpc.patientLinks.revoke.mutationOptions({ onSuccess: () => router.refresh() }),
  );

  async function copy() {
    if (!fresh) return;
    try {
      await navigator.clipboard.writeText(fresh.url);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  return (
    <Card aria-labelledby="link-heading">
      <CardTitle id="link-heading">Patient link</CardTitle>
      <p className="mt-1 text-sm text-muted-foreground">
        {patientName} opens their plan with this link on their phone. No account or code is needed.
      </p>
      {fresh ? (
        <div className="mt-3 rounded-md border border-primary/30 bg-primary-soft p-3">
          <Label htmlFor="new-link">
            New link (shown only now, copy it before leaving the page)
          </Label>
          <div className="mt-1 flex flex-wrap gap-2">
            <Input
              id="new-link"
              readOnly
              value={fresh.url}
              className="min-w-0 flex-1 font-mono text-sm"
              onFocus={(e) => e.target.select()}
            />
            <Button type="button" variant="secondary" onClick={() => void copy()}>
              {copied ? "Copied" : "Copy link"}
            </Button>
          </div>
          <p className="mt-1 text-sm" role="status">
            Works until {when(fresh.expiresAt)}.
          </p>
        </div>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        <Button
          type="button"
          disabled={disabled || create.isPending}
          onClick={() => create.mutate({ patientId })}
        >
          {create.isPending ? "Creating…" : "Create a new link"}
        </Button>
      </div>
      {create.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(create.error)}
        </p>
      ) : null}
      {revoke.error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(revoke.error)}
        </p>
      ) : null}
      {links.length > 0 ? (
        <ul className="mt-4 divide-y divide-border" aria-label="Links">
          {links.map((link) => (
            <li key={link.id} className="flex flex-wrap items-center gap-3 py-2 text-sm">
              {linkStatus(link)}
              <span className="text-muted-foreground">
                Created {when(link.createdAt)} by {link.createdByName}
                {link.lastUsedAt ? ` · last opened ${when(link.lastUsedAt)}` : " · not opened yet"}
              </span>
              {link.active ? (
                <Button
                  type="button"
                  variant="secondary"
                  size="sm"
                  className="ml-auto"
                  disabled={revoke.isPending}
                  onClick={() => revoke.mutate({ linkId: link.id })}
                >
                  Revoke
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : (
        <p className="mt-3 text-sm text-muted-foreground">No link yet.</p>
      )}
    </Card>
  );
}
