"use client";

import { useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { dateTimeFormat } from "@/lib/intl-format";
import { type NoteContent, NoteForm } from "./note-form";
import { SOAP_PARTS, shortDay } from "./words";

export interface NoteRow {
  id: string;
  authorName: string;
  canEdit: boolean;
  current: NoteContent & { savedAt: Date };
  earlier: (NoteContent & { savedAt: Date })[];
}

function savedAt(date: Date, timeZone: string) {
  return dateTimeFormat({
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(date);
}

/** A note's text: free text as paragraphs, or its SOAP parts under their names. */
export function NoteText({ note }: { note: NoteContent }) {
  if (note.format === "free") return <p className="whitespace-pre-line break-words">{note.body}</p>;
  return (
    <dl className="space-y-1">
      {SOAP_PARTS.filter((part) => note[part.key]).map((part) => (
        <div key={part.key}>
          <dt className="text-sm font-semibold">{part.label}</dt>
          <dd className="whitespace-pre-line break-words">{note[part.key]}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Every wording of a note, newest first: what it says now, then before each edit. */
function NoteHistory({ note, timeZone }: { note: NoteRow; timeZone: string }) {
  return (
    <ol className="space-y-3" aria-label="Versions, newest first">
      {[note.current, ...note.earlier].map((revision) => (
        <li key={revision.number} className="rounded-md border border-border bg-muted/40 p-3">
          <p className="text-sm text-muted-foreground">
            Version {revision.number}, saved {savedAt(revision.savedAt, timeZone)} · about{" "}
            {shortDay(revision.day)}
          </p>
          <div className="mt-1">
            <NoteText note={revision} />
          </div>
        </li>
      ))}
    </ol>
  );
}

/** One note: its day, author and text; its author may edit it; anyone may read its history. */
export function NoteItem({
  note,
  patientId,
  today,
  timeZone,
}: {
  note: NoteRow;
  patientId: string;
  today: string;
  timeZone: string;
}) {
  const [editing, setEditing] = useState(false);
  const [showHistory, setShowHistory] = useState(false);
  const headingId = `note-${note.id}-heading`;
  const edited = note.current.number > 1;

  return (
    <article aria-labelledby={headingId} className="rounded-md border border-border p-3">
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1">
        <h3 id={headingId} className="font-medium">
          {shortDay(note.current.day)} · {note.authorName}
        </h3>
        {note.current.format === "soap" ? <Badge>SOAP</Badge> : null}
        {edited ? <Badge tone="info">Edited {note.current.number - 1}×</Badge> : null}
      </div>
      {editing ? (
        <div className="mt-2">
          <NoteForm
            patientId={patientId}
            today={today}
            note={{ id: note.id, current: note.current }}
            onDone={() => setEditing(false)}
          />
        </div>
      ) : (
        <div className="mt-2">
          <NoteText note={note.current} />
        </div>
      )}
      <p className="mt-2 text-sm text-muted-foreground">
        {edited ? "Last saved" : "Saved"} {savedAt(note.current.savedAt, timeZone)}
      </p>
      {!editing ? (
        <div className="mt-2 flex flex-wrap gap-2">
          {note.canEdit ? (
            <Button
              type="button"
              size="sm"
              variant="secondary"
              aria-describedby={headingId}
              onClick={() => setEditing(true)}
            >
              Edit
            </Button>
          ) : null}
          {edited ? (
            <Button
              type="button"
              size="sm"
              variant="ghost"
              aria-expanded={showHistory}
              aria-describedby={headingId}
              onClick={() => setShowHistory((open) => !open)}
            >
              {showHistory ? "Hide history" : "Show history"}
            </Button>
          ) : null}
        </div>
      ) : null}
      {showHistory ? (
        <div className="mt-3">
          <NoteHistory note={note} timeZone={timeZone} />
        </div>
      ) : null}
    </article>
  );
}
