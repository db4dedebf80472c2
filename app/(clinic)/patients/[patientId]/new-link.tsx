import { CopyButton } from "@/components/patient-link/copy-button";
import { QrCode } from "@/components/patient-link/qr-code";
import { Input, Label } from "@/components/ui/input";
import { dateTimeFormat } from "@/lib/intl-format";

export interface NewLink {
  url: string;
  qrSvg: string;
  expiresAt: Date;
  /** Set when the link replaced others: how many stopped working. */
  revokedCount: number | null;
}

/** In the patient's time zone, so the server's render and the browser's agree to the minute. */
export const when = (d: Date, timeZone: string) =>
  dateTimeFormat({ dateStyle: "medium", timeStyle: "short", timeZone }).format(d);

function replacedText(count: number) {
  if (count === 0) return "There was no working link to stop.";
  return count === 1
    ? "The previous link has stopped working."
    : `The ${count} previous links have stopped working.`;
}

/** The token just made, shown once: as an address to copy and as a QR code to scan. */
export function NewLinkResult({
  link,
  patientName,
  timeZone,
}: {
  link: NewLink;
  patientName: string;
  timeZone: string;
}) {
  return (
    <div className="mt-3 flex flex-col gap-4 rounded-md border border-primary/30 bg-primary-soft p-3 sm:flex-row sm:items-start">
      <div className="min-w-0 flex-1">
        <h3 id="new-link-heading" className="font-semibold">
          New link for {patientName}
        </h3>
        <p className="text-sm">
          Shown only now: copy it or let {patientName} scan the code before you leave this page.
        </p>
        <Label htmlFor="new-link" className="mt-2">
          New link
        </Label>
        <div className="mt-1 flex flex-wrap gap-2">
          <Input
            id="new-link"
            readOnly
            value={link.url}
            className="min-w-0 flex-1 basis-64 font-mono text-sm"
            onFocus={(e) => e.target.select()}
          />
          <CopyButton text={link.url} />
        </div>
        <p className="mt-2 text-sm" role="status">
          Works until {when(link.expiresAt, timeZone)}.
          {link.revokedCount !== null ? ` ${replacedText(link.revokedCount)}` : ""}
        </p>
      </div>
      <figure className="shrink-0 self-center sm:self-start">
        <QrCode
          svg={link.qrSvg}
          label={`QR code of the new link for ${patientName}`}
          className="w-40 rounded-md border border-border"
        />
        <figcaption className="mt-1 max-w-40 text-center text-xs text-muted-foreground">
          Scan with the phone&apos;s camera
        </figcaption>
      </figure>
    </div>
  );
}
