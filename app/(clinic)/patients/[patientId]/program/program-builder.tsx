"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { TRPCClientError } from "@trpc/client";
import type { inferRouterOutputs } from "@trpc/server";
import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { DoseEditor } from "@/components/dose-editor/dose-editor";
import {
  countChanges,
  doseRow,
  validateRow,
  type DoseContext,
  type DoseRow,
} from "@/components/dose-editor/dose-row";
import { Select } from "@/components/dose-editor/fields";
import { useUnsavedGuard } from "@/components/dose-editor/use-unsaved-guard";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";
import { FieldError, Input, Label } from "@/components/ui/input";
import type { Condition, Side, VersionReason } from "@/db/schema/enums";
import type { DoseItem } from "@/lib/schemas/dose";
import { CONDITION_LABELS, REASON_LABELS } from "@/lib/labels";
import type { AppRouter } from "@/server/root";
import { suggestTemplates } from "./suggested-templates";

export type EditableProgram = inferRouterOutputs<AppRouter>["programs"]["forEditing"];

interface TemplateChoice {
  id: string;
  name: string;
  condition: Condition;
}

interface Props {
  patientId: string;
  patientName: string;
  affectedSide: Side;
  condition: Condition;
  program: EditableProgram;
  templates: TemplateChoice[];
  initialReason: VersionReason | null;
}

const CHANGE_REASONS = ["progress", "hold", "regress", "edit"] as const;
const GUARD_MESSAGE = "You have changes to this program that are not saved. Leave without saving?";

function rowsOf(program: EditableProgram, context: DoseContext): DoseRow[] {
  return program.items.map((i, index) =>
    doseRow(
      `v${program.baseVersionNumber ?? 0}-${index}`,
      {
        id: i.exerciseId,
        name: i.name,
        sidedness: i.sidedness,
        archived: i.archived,
        figure: i.figure,
      },
      i,
      context,
    ),
  );
}

function painLimitProblem(value: string): string | null {
  const n = Number(value);
  return value.trim() === "" || !Number.isInteger(n) || n < 0 || n > 10
    ? "The pain limit is a whole number from 0 to 10."
    : null;
}

/**
 * Builds or changes a patient's program with the shared dose editor. Saving makes a new version,
 * unless nothing changed: then it says so and the version in force stays (the server checks too).
 */
export function ProgramBuilder({
  patientId,
  patientName,
  affectedSide,
  condition,
  program,
  templates,
  initialReason,
}: Props) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const context: DoseContext = { kind: "program", affectedSide };
  const [start, setStart] = useState(() => ({
    base: program.baseVersionNumber,
    rows: rowsOf(program, context),
    painLimit: String(program.painLimit),
  }));
  const [rows, setRows] = useState<DoseRow[]>(start.rows);
  const [painLimit, setPainLimit] = useState(start.painLimit);
  const [reason, setReason] = useState<VersionReason | "">(initialReason ?? "");
  const [note, setNote] = useState("");
  const [submitted, setSubmitted] = useState(false);
  const [status, setStatus] = useState<string | null>(null);
  const [newer, setNewer] = useState<EditableProgram | null>(null);
  const [saved, setSaved] = useState(false);
  const { suggested, others } = suggestTemplates(templates, condition);
  const [templateId, setTemplateId] = useState(
    program.items.length === 0 ? (suggested[0]?.id ?? "") : "",
  );
  const fromTemplate = useRef(0);
  const base = start.base;

  const changes = countChanges(start.rows, rows) + (painLimit !== start.painLimit ? 1 : 0);
  useUnsavedGuard(!saved && changes > 0, GUARD_MESSAGE);

  const save = useMutation(
    trpc.programs.saveVersion.mutationOptions({
      onSuccess: (result) => {
        if (result.unchanged) {
          // The draft says what the version in force says: nothing is left unsaved.
          setStart({ base: result.number, rows, painLimit });
          setStatus(`No changes to save: version ${result.number} stays as it is.`);
          return;
        }
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

  const painLimitError = painLimitProblem(painLimit);
  const reasonError = base !== null && !reason ? "Choose why the program changes." : null;
  const itemsError = rows.length === 0 ? "Add at least one exercise." : null;
  const rowsToFix = rows.filter((r) => !validateRow(r).item).length;

  function onSave(items: DoseItem[] | null): boolean {
    setSubmitted(true);
    setStatus(null);
    if (!items || painLimitError || reasonError || itemsError) return false;
    if (base !== null && changes === 0) {
      setStatus(`No changes to save: version ${base} stays as it is.`);
      return true;
    }
    save.mutate({
      patientId,
      baseVersionNumber: base,
      reason: base === null ? "initial" : (reason as VersionReason),
      note: note.trim() || null,
      painLimit: Number(painLimit),
      items,
    });
    return true;
  }

  async function applyTemplate() {
    if (!templateId) return;
    if (rows.length > 0 && !window.confirm("Replace the exercises below with the template's?"))
      return;
    const template = await queryClient.fetchQuery(
      trpc.templates.forProgram.queryOptions({ templateId }),
    );
    fromTemplate.current += 1;
    const batch = fromTemplate.current;
    const kept = template.items.filter((i) => !i.exerciseArchived);
    setRows(
      kept.map((i, index) =>
        doseRow(
          `t${batch}-${index}`,
          {
            id: i.exerciseId,
            name: i.exerciseName,
            sidedness: i.exerciseSidedness,
            archived: false,
            figure: i.exerciseFigure,
          },
          i,
          context,
        ),
      ),
    );
    setStatus(`${kept.length} exercises from ${template.name} added.`);
  }

  const problems = submitted
    ? [
        painLimitError,
        reasonError,
        itemsError,
        rowsToFix > 0
          ? `${rowsToFix} exercise${rowsToFix === 1 ? " has" : "s have"} a dose, side or note to fix.`
          : null,
      ].filter((p): p is string => Boolean(p))
    : [];

  const header = (
    <>
      {newer ? (
        <div
          role="alert"
          className="rounded-lg border border-warning/40 bg-warning-soft p-4 text-warning"
        >
          <p className="font-semibold">
            Version {newer.baseVersionNumber} was saved by someone else while you were editing.
          </p>
          <p className="mt-1 text-foreground">
            It has: {newer.items.map((i) => i.name).join(", ")} (pain limit {newer.painLimit}). Your
            draft below is untouched.
          </p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button
              type="button"
              variant="secondary"
              onClick={() => {
                const fresh = {
                  base: newer.baseVersionNumber,
                  rows: rowsOf(newer, context),
                  painLimit: String(newer.painLimit),
                };
                setStart(fresh);
                setRows(fresh.rows);
                setPainLimit(fresh.painLimit);
                setNewer(null);
                save.reset();
              }}
            >
              Start again from version {newer.baseVersionNumber}
            </Button>
            <Button
              type="button"
              onClick={() => {
                // The draft stays; only the version it is measured against moves on.
                setStart((s) => ({ ...s, base: newer.baseVersionNumber }));
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
        {suggested.length > 0 ? (
          <p id="template-hint" className="text-sm text-muted-foreground">
            Suggested for {CONDITION_LABELS[condition]}: {suggested.map((t) => t.name).join(", ")}.
          </p>
        ) : null}
        <div className="mt-2 flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1 basis-56">
            <Label htmlFor="template">Template</Label>
            <Select
              id="template"
              className="mt-1"
              value={templateId}
              onChange={(e) => setTemplateId(e.target.value)}
              aria-describedby={suggested.length > 0 ? "template-hint" : undefined}
            >
              <option value="">Choose a template…</option>
              {suggested.length > 0 ? (
                <optgroup label={`Suggested for ${CONDITION_LABELS[condition]}`}>
                  {suggested.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              {others.length > 0 ? (
                <optgroup label={suggested.length > 0 ? "Other templates" : "Templates"}>
                  {others.map((t) => (
                    <option key={t.id} value={t.id}>
                      {t.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
            </Select>
          </div>
          <Button
            type="button"
            variant="secondary"
            disabled={!templateId}
            onClick={() => void applyTemplate()}
          >
            Use template
          </Button>
        </div>
      </section>
    </>
  );

  const footer = (
    <section
      aria-labelledby="save-heading"
      className="space-y-4 rounded-lg border border-border bg-background p-4"
    >
      <h2 id="save-heading" className="text-lg font-semibold">
        Version {(base ?? 0) + 1}
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
            aria-describedby={submitted && painLimitError ? "pain-limit-error" : undefined}
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
            <Select
              id="reason"
              className="mt-1"
              value={reason}
              onChange={(e) => setReason(e.target.value as VersionReason)}
              aria-invalid={submitted && reasonError ? true : undefined}
              aria-describedby={submitted && reasonError ? "reason-error" : undefined}
            >
              <option value="">Choose…</option>
              {CHANGE_REASONS.map((r) => (
                <option key={r} value={r}>
                  {REASON_LABELS[r]}
                </option>
              ))}
            </Select>
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
    </section>
  );

  const barAlert =
    problems.length > 0 ? (
      <div
        role="alert"
        className="rounded-md border border-danger/30 bg-danger-soft p-2 text-danger"
      >
        <span className="font-medium">Not saved yet:</span> {problems.join(" ")}
      </div>
    ) : save.error && !newer ? (
      <p role="alert" className="text-danger">
        {errorMessage(save.error)} Your draft is kept.
      </p>
    ) : null;

  return (
    <DoseEditor
      context={context}
      label={`Program for ${patientName}`}
      rows={rows}
      onRowsChange={(next) => {
        setRows(next);
        setStatus(null);
      }}
      onSave={onSave}
      header={header}
      footer={footer}
      listError={submitted ? (itemsError ?? undefined) : undefined}
      changes={saved ? 0 : changes}
      saveLabel={`Save version ${(base ?? 0) + 1}`}
      pending={save.isPending}
      saveDisabled={newer !== null}
      barStatus={status}
      barAlert={barAlert}
    />
  );
}
