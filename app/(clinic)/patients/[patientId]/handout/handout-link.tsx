"use client";

import { useMutation } from "@tanstack/react-query";
import { useState } from "react";
import { QrCode } from "@/components/patient-link/qr-code";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";
import { formatDate } from "@/lib/labels";

interface PrintedLink {
  url: string;
  qrSvg: string;
  expiresAt: Date;
}

/** The address without its scheme: shorter to type from paper, and phones add it back. */
const shortUrl = (url: string) => url.replace(/^https?:\/\//, "");

/**
 * The handout's way back to the tracked plan. Links are stored only as hashes, so an existing link
 * cannot be printed: on request this makes a new one (the patient's other links keep working) and
 * prints its QR code and address. Without it, the paper says to ask the clinic.
 */
export function HandoutLink({
  patientId,
  patientName,
  clinicName,
  timeZone,
  discharged,
}: {
  patientId: string;
  patientName: string;
  clinicName: string;
  timeZone: string;
  discharged: boolean;
}) {
  const trpc = useTRPC();
  const [link, setLink] = useState<PrintedLink | null>(null);
  const create = useMutation(
    trpc.patientLinks.create.mutationOptions({
      onSuccess: (created) =>
        setLink({ url: created.url, qrSvg: created.qrSvg, expiresAt: created.expiresAt }),
    }),
  );

  return (
    <section aria-labelledby="handout-link-heading" className="handout-link">
      {link ? (
        <div className="flex flex-col gap-4 rounded-md border border-border p-3 sm:flex-row sm:items-center">
          <QrCode
            svg={link.qrSvg}
            label={`QR code of ${patientName}'s personal link`}
            className="w-[3.2cm] shrink-0 self-center sm:self-auto"
          />
          <div className="min-w-0">
            <h2 id="handout-link-heading" className="font-semibold">
              Your plan on your phone
            </h2>
            <p className="text-sm">
              Scan the code with your phone&apos;s camera, or type this address:
            </p>
            <p className="font-mono text-sm break-all">{shortUrl(link.url)}</p>
            <p className="text-sm">
              Keep this link to yourself. It works until {formatDate(link.expiresAt, timeZone)}.
            </p>
          </div>
        </div>
      ) : (
        <div className="rounded-md border border-border p-3">
          <h2 id="handout-link-heading" className="font-semibold">
            Your plan on your phone
          </h2>
          <p className="text-sm">
            Ask {clinicName} for your personal link to see this plan on your phone and record how
            your exercises went.
          </p>
        </div>
      )}
      {link ? (
        <p role="status" className="no-print mt-2 text-sm text-muted-foreground">
          Link added. Print the handout now: the link cannot be shown again after you leave.
        </p>
      ) : (
        <div className="no-print mt-2 space-y-1">
          <Button
            type="button"
            variant="secondary"
            disabled={discharged || create.isPending}
            aria-describedby="handout-link-help"
            onClick={() => create.mutate({ patientId, purpose: "handout" })}
          >
            {create.isPending ? "Adding…" : "Add a link QR code to this handout"}
          </Button>
          <p id="handout-link-help" className="text-sm text-muted-foreground">
            {discharged
              ? `${patientName} is discharged, so links are switched off and none can be printed.`
              : `Makes a new personal link for ${patientName}; their other links keep working. It is shown only on this page, so print before you leave.`}
          </p>
          {create.error ? (
            <p role="alert" className="text-sm text-danger">
              {errorMessage(create.error)}
            </p>
          ) : null}
        </div>
      )}
    </section>
  );
}
