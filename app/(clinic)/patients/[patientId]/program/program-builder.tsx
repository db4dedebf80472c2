"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import { useRouter } from "next/navigation";
import { useMemo, useState, type FormEvent } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import type { Side, Sidedness, VersionReason } from "@/db/schema/enums";
import { REASON_LABELS } from "@/lib/labels";
import { draftItem, move, validateItem, type DoseSource, type DraftItem } from "./draft";
import { ExercisePicker } from "./exercise-picker";
import { ItemEditor } from "./item-editor";
import { useUnsavedGuard } from "./use-unsaved-guard";

export interface EditableProgram {
  baseVersionNumber: number | null;
  painLimit: number;
  items: (DoseSource & {
    exerciseId: string;
    name: string;
    archived: boolean;
    sidedness: Sidedness;
  })[];
}

interface Props {
  patientId: string;
  patientName: string;
  affectedSide: Side;
  program: EditableProgram;
  templates: { id: string; name: string }[];
  initialReason: VersionReason | null;
}

const CHANGE_REASONS = ["progress", "hold", "regress", "edit"] as const;
const selectClass =
  "mt-1 min-h-11 w-full rounded-md border border-border bg-background px-2 text-base";

function fromProgram(program: EditableProgram, affectedSide: Side): DraftItem[] {
  return program.items.map((i) =>
    draftItem(
      { id: i.exerciseId, name: i.name, archived: i.archived, sidedness: i.sidedness },
      i,
      affectedSide,
    ),
  );
}

/** Build or change a patient's program; saving always makes a new version. */
export function ProgramBuilder({
  patientId,
  patientName,
  affectedSide,
  program,
  templates,
  initialReason,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [base, setBase] = useState(program.baseVersionNumber);
  const [items, setItems] = useState<DraftItem[]>(() => fromProgram(program, affectedSide));
  const [painLimit, setPainLimit] = useState(String(program.painLimit));
  const [reason, setReason] = useState<VersionReason | "">(initialReason ?? "");
  const [note, setNote] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [newer, setNewer] = useState<EditableProgram | null>(null);
  const [dragFrom, setDragFrom] = useState<number | null>(null);
  const [templateId, setTemplateId] = useState("");
  const [saved, setSaved] = useState(false);

  const pristine = useMemo(
    () =>
      JSON.stringify({
        items: fromProgram(program, affectedSide).map(({ key: _k, ...rest }) => rest),
        painLimit: String(program.painLimit),
      }),
    [program, affectedSide],
  );
  const dirty =
    !saved &&
    JSON.stringify({ items: items.map(({ key: _k, ...rest }) => rest), painLimit }) !== pristine;
  useUnsavedGuard(dirty);

  const save = useMutation(
    trpc.programs.saveVersion.mutationOptions({
      onSuccess: () => {
        setSaved(true);
        router.push(`/patients/${patientId}`);
        router.refresh();
      },
      onError: async (error) => {
        if (error instanceof TRPCClientError && error.data?.code === "CONFLICT" && base !== null) {
          const latest = await queryClient.fetchQuery(
            trpc.programs.forEditing.queryOptions({ patientId }, { staleTime: 0 }),
          );
          if (latest.baseVersionNumber !== base) setNewer(latest);
        }
      },
    }),
  );

  const painLimitNumber = Number(painLimit);
  const painLimitError =
    painLimit.trim() === "" ||
    !Number.isInteger(painLimitNumber) ||
    painLimitNumber < 0 ||
    painLimitNumber > 10
      ? "The pain limit is a whole number from 0 to 10."
      : null;
  const reasonError = base !== null && !reason ? "Choose why the program changes." : null;
  const itemsError = items.length === 0 ? "Add at least one exercise." : null;
  const invalidItems = items.filter((i) => !validateItem(i).input).length;

  function update(index: number, item: DraftItem) {
    setItems((list) => list.map((old, i) => (i === index ? item : old)));
  }
  function reorder(from: number, to: number) {
    setItems((list) => move(list, from, to));
    const name = items[from]?.name;
    if (name && to >= 0 && to < items.length)
      setAnnouncement(`${name} moved to position ${to + 1} of ${items.length}.`);
  }

  async function startFromTemplate() {
    if (!templateId) return;
    if (items.length > 0 && !window.confirm("Replace the exercises below with the template's?"))
      return;
    const template = await queryClient.fetchQuery(
      trpc.templates.forProgram.queryOptions({ templateId }),
    );
    setItems(
      template.items
        .filter((i) => !i.exerciseArchived)
        .map((i) =>
          draftItem(
            { id: i.exerciseId, name: i.exerciseName, sidedness: i.exerciseSidedness },
            i,
            affectedSide,
          ),
        ),
    );
    setAnnouncement(`${template.items.length} exercises from ${template.name} added.`);
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSubmitted(true);
    if (painLimitError || reasonError || itemsError || invalidItems > 0) return;
    save.mutate({
      patientId,
      baseVersionNumber: base,
      reason: base === null ? "initial" : (reason as VersionReason),
      note: note.trim() || null,
      painLimit: painLimitNumber,
      items: items.map((i) => validateItem(i).input!),
    });
  }

  const problems = submitted
    ? [
        painLimitError,
        reasonError,
        itemsError,
        invalidItems
          ? `${invalidItems} exercise${invalidItems === 1 ? " has" : "s have"} a dose, side or note to fix.`
          : null,
      ].filter(Boolean)
    : [];

  return (
    <div className="grid gap-6 xl:grid-cols-[1fr_24rem]">
      <form
        method="post"
        onSubmit={onSubmit}
        noValidate
        className="space-y-5"
        aria-label={`Program for ${patientName}`}
      >
        <p className="sr-only" role="status" aria-live="polite">
          {announcement}
        </p>
        {newer ? (
          <div
            role="alert"
            className="rounded-lg border border-warning/40 bg-warning-soft p-4 text-warning"
          >
            <p className="font-semibold">
              Version {newer.baseVersionNumber} was saved by someone else while you were editing.
            </p>
            <p className="mt-1 text-foreground">
              It has: {newer.items.map((i) => i.name).join(", ")} (pain limit {newer.painLimit}).
              Your draft below is untouched.
            </p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button
                type="button"
                variant="secondary"
                onClick={() => {
                  setItems(fromProgram(newer, affectedSide));
                  setPainLimit(String(newer.painLimit));
                  setBase(newer.baseVersionNumber);
                  setNewer(null);
                  save.reset();
                }}
              >
                Start again from version {newer.baseVersionNumber}
              </Button>
              <Button
                type="button"
                onClick={() => {
                  setBase(newer.baseVersionNumber);
                  setNewer(null);
                  save.reset();
                }}
              >
                Keep my draft, then save it as the next version
              </Button>
            </div>
          </div>
        ) : null}

        <section
          aria-labelledby="template-heading"
          className="rounded-lg border border-border bg-background p-4"
        >
          <h2 id="template-heading" className="text-lg font-semibold">
            Start from a template
          </h2>
          <div className="mt-2 flex flex-wrap items-end gap-2">
            <div className="min-w-56 flex-1">
              <Label htmlFor="template">Template</Label>
              <select
                id="template"
                className={selectClass}
                value={templateId}
                onChange={(e) => setTemplateId(e.target.value)}
              >
                <option value="">Choose a template…</option>
                {templates.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </select>
            </div>
            <Button
              type="button"
              variant="secondary"
              disabled={!templateId}
              onClick={() => void startFromTemplate()}
            >
              Use template
            </Button>
          </div>
        </section>

        <section aria-labelledby="items-heading">
          <h2 id="items-heading" className="text-lg font-semibold">
            Exercises ({items.length})
          </h2>
          <p className="text-sm text-muted-foreground">
            Reorder with Up and Down, or drag the numbered handle.
          </p>
          {items.length === 0 ? (
            <p className="mt-2 rounded-lg border border-dashed border-border bg-background p-6 text-center text-muted-foreground">
              No exercises yet: start from a template or add them from the library.
            </p>
          ) : (
            <ol className="mt-2 space-y-3">
              {items.map((item, index) => (
                <ItemEditor
                  key={item.key}
                  item={item}
                  index={index}
                  count={items.length}
                  showErrors={submitted}
                  onChange={(next) => update(index, next)}
                  onMove={(to) => reorder(index, to)}
                  onRemove={() => {
                    setItems((list) => list.filter((_, i) => i !== index));
                    setAnnouncement(`${item.name} removed.`);
                  }}
                  onDragStart={(e) => {
                    setDragFrom(index);
                    e.dataTransfer.effectAllowed = "move";
                  }}
                  onDrop={(e) => {
                    e.preventDefault();
                    if (dragFrom !== null) reorder(dragFrom, index);
                    setDragFrom(null);
                  }}
                />
              ))}
            </ol>
          )}
          <FieldError
            id="items-error"
            message={submitted ? (itemsError ?? undefined) : undefined}
          />
        </section>

        <section
          aria-labelledby="save-heading"
          className="space-y-4 rounded-lg border border-border bg-background p-4"
        >
          <h2 id="save-heading" className="text-lg font-semibold">
            Save as version {(base ?? 0) + 1}
          </h2>
          <div className="grid gap-4 sm:grid-cols-3">
            <div>
              <Label htmlFor="pain-limit">Pain limit during exercise (0–10)</Label>
              <Input
                id="pain-limit"
                inputMode="numeric"
                value={painLimit}
                onChange={(e) => setPainLimit(e.target.value)}
                aria-invalid={submitted && painLimitError ? true : undefined}
                aria-describedby="pain-limit-error"
                className="mt-1"
              />
              <FieldError
                id="pain-limit-error"
                message={submitted ? (painLimitError ?? undefined) : undefined}
              />
            </div>
            {base !== null ? (
              <div>
                <Label htmlFor="reason">Why it changes</Label>
                <select
                  id="reason"
                  className={selectClass}
                  value={reason}
                  onChange={(e) => setReason(e.target.value as VersionReason)}
                  aria-invalid={submitted && reasonError ? true : undefined}
                  aria-describedby="reason-error"
                >
                  <option value="">Choose…</option>
                  {CHANGE_REASONS.map((r) => (
                    <option key={r} value={r}>
                      {REASON_LABELS[r]}
                    </option>
                  ))}
                </select>
                <FieldError
                  id="reason-error"
                  message={submitted ? (reasonError ?? undefined) : undefined}
                />
              </div>
            ) : (
              <p className="self-end text-sm text-muted-foreground">
                This is the first version: it is saved as “Initial”.
              </p>
            )}
            <div className="sm:col-span-3">
              <Label htmlFor="version-note">Note (for the team, not the patient)</Label>
              <Input
                id="version-note"
                value={note}
                maxLength={1000}
                onChange={(e) => setNote(e.target.value)}
                className="mt-1"
              />
            </div>
          </div>
          {problems.length > 0 ? (
            <div
              role="alert"
              className="rounded-md border border-danger/30 bg-danger-soft p-3 text-danger"
            >
              <p className="font-medium">Not saved yet:</p>
              <ul className="list-disc pl-5">
                {problems.map((p) => (
                  <li key={p}>{p}</li>
                ))}
              </ul>
            </div>
          ) : null}
          {save.error && !newer ? (
            <p role="alert" className="text-danger">
              {errorMessage(save.error)} Your draft is kept.
            </p>
          ) : null}
          <div className="flex flex-wrap items-center gap-3">
            <Button type="submit" disabled={save.isPending || newer !== null}>
              {save.isPending ? "Saving…" : `Save version ${(base ?? 0) + 1}`}
            </Button>
            {dirty ? <span className="text-sm text-muted-foreground">Unsaved changes</span> : null}
          </div>
        </section>
      </form>

      <div className="space-y-4 xl:sticky xl:top-4 xl:self-start">
        <ExercisePicker
          onPick={(e) => {
            setItems((list) => [
              ...list,
              draftItem(
                { id: e.id, name: e.name, sidedness: e.sidedness },
                e.defaults,
                affectedSide,
              ),
            ]);
            setAnnouncement(`${e.name} added as exercise ${items.length + 1}.`);
          }}
        />
      </div>
    </div>
  );
}
