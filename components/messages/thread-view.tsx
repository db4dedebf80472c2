import { formatMoment } from "@/lib/alert-words";

export interface ThreadViewMessage {
  id: string;
  from: "patient" | "staff";
  authorName: string | null;
  body: string;
  sentAt: Date;
  readAt: Date | null;
  readByName: string | null;
}

/**
 * A patient's thread, oldest first, as one side sees it: "You" for the reader's own messages, the
 * other side by name, and each message's receipt in words (never by colour or a tick alone).
 */
export function ThreadView({
  messages,
  viewer,
  patientName,
  clinicName,
  timeZone,
  more,
}: {
  messages: readonly ThreadViewMessage[];
  viewer: "patient" | "staff";
  patientName: string;
  clinicName: string;
  timeZone: string;
  /** Earlier messages exist beyond the ones shown. */
  more: boolean;
}) {
  return (
    <ol aria-label="Messages, oldest first" className="space-y-3">
      {more ? (
        <li className="text-sm text-muted-foreground">
          Earlier messages are kept with the record; the latest {messages.length} are shown.
        </li>
      ) : null}
      {messages.map((m) => {
        const own = m.from === viewer;
        const author =
          m.from === "patient"
            ? viewer === "patient"
              ? "You"
              : patientName
            : viewer === "staff" && own
              ? `${m.authorName ?? "Staff"} (staff)`
              : `${m.authorName ?? "Your clinic"}, ${clinicName}`;
        return (
          <li
            key={m.id}
            className={`rounded-lg border p-3 ${own ? "ml-6 border-primary/40 bg-primary-soft" : "mr-6 border-border bg-background"}`}
          >
            <p className="text-sm">
              <span className="font-semibold">{author}</span>
              <span className="text-muted-foreground">
                {" "}
                · <time dateTime={m.sentAt.toISOString()}>{formatMoment(m.sentAt, timeZone)}</time>
              </span>
            </p>
            <p className="mt-1 break-words whitespace-pre-wrap">{m.body}</p>
            <p className="mt-1 text-sm text-muted-foreground">{receipt(m, viewer, clinicName)}</p>
          </li>
        );
      })}
    </ol>
  );
}

function receipt(m: ThreadViewMessage, viewer: "patient" | "staff", clinicName: string): string {
  if (m.from === "patient") {
    if (!m.readAt) return viewer === "patient" ? `Not read yet by ${clinicName}` : "Unread";
    return viewer === "patient"
      ? "Read by your clinic"
      : `Read${m.readByName ? ` by ${m.readByName}` : ""}`;
  }
  if (!m.readAt) return viewer === "patient" ? "New" : "Not read yet by the patient";
  return viewer === "patient" ? "Read" : "Read by the patient";
}
