"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { DoseEditor } from "@/components/dose-editor/dose-editor";
import { countChanges, validateRow, type DoseRow } from "@/components/dose-editor/dose-row";
import { Select, Textarea } from "@/components/dose-editor/fields";
import { useUnsavedGuard } from "@/components/dose-editor/use-unsaved-guard";
import { serverFieldErrors } from "@/components/ui/field-errors";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Card, CardTitle } from "@/components/ui/card";
import { FieldError, Input, Label } from "@/components/ui/input";
import { CONDITIONS } from "@/db/schema/enums";
import type { DoseItem } from "@/lib/schemas/dose";
import { CONDITION_LABELS } from "@/lib/labels";
import {
  detailChanges,
  templateRows,
  toDraft,
  validateDetails,
  type DetailErrors,
  type TemplateDetails,
  type TemplateItemSource,
} from "./form-state";

const GUARD_MESSAGE = "You have changes to this template that are not saved. Leave without saving?";

/**
 * Creates a clinic template, or edits one (its items are replaced as a whole on save), with the
 * dose editor the program builder uses: the same fields, limits, side and load. Everything is
 * checked with the API's schema before sending; what the server refuses stays on screen.
 */
export function TemplateForm({
  templateId,
  initial,
}: {
  templateId?: string;
  initial: TemplateDetails & { items: TemplateItemSource[] };
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [start] = useState(() => ({
    details: { name: initial.name, condition: initial.condition, description: initial.description },
    rows: templateRows(initial.items),
  }));
  const [details, setDetails] = useState<TemplateDetails>(start.details);
  const [rows, setRows] = useState<DoseRow[]>(start.rows);
  const [submitted, setSubmitted] = useState(false);
  const [refused, setRefused] = useState<{ message: string; fields: DetailErrors } | null>(null);
  const [saved, setSaved] = useState(false);

  const changes = countChanges(start.rows, rows) + detailChanges(start.details, details);
  useUnsavedGuard(!saved && changes > 0, GUARD_MESSAGE);

  const onSaved = ({ id }: { id: string }) => {
    setSaved(true);
    router.push(`/templates/${id}`);
    router.refresh();
  };
  const onRefused = (error: unknown) => {
    const fields = serverFieldErrors(error);
    setRefused({
      message: errorMessage(error),
      fields: { name: fields.name, condition: fields.condition, description: fields.description },
    });
  };
  const create = useMutation(
    trpc.templates.create.mutationOptions({ onSuccess: onSaved, onError: onRefused }),
  );
  const update = useMutation(
    trpc.templates.update.mutationOptions({ onSuccess: onSaved, onError: onRefused }),
  );
  const pending = create.isPending || update.isPending;

  const detailErrors = submitted ? validateDetails(details) : {};
  const errorOf = (field: keyof TemplateDetails) => detailErrors[field] ?? refused?.fields[field];
  const itemsError = rows.length === 0 ? "Add at least one exercise." : null;

  function setDetail<K extends keyof TemplateDetails>(key: K, value: TemplateDetails[K]) {
    setDetails((d) => ({ ...d, [key]: value }));
  }

  function onSave(items: DoseItem[] | null): boolean {
    setSubmitted(true);
    setRefused(null);
    const problems = validateDetails(details);
    if (!items || itemsError || Object.keys(problems).length > 0) return false;
    const draft = toDraft(details, items);
    if (templateId) update.mutate({ templateId, ...draft });
    else create.mutate(draft);
    return true;
  }

  const field = (key: keyof TemplateDetails) => ({
    "aria-invalid": errorOf(key) ? true : undefined,
    "aria-describedby": errorOf(key) ? `template-${key}-error` : undefined,
  });

  const header = (
    <Card aria-labelledby="details-heading" className="space-y-4">
      <CardTitle id="details-heading">Details</CardTitle>
      <div>
        <Label htmlFor="template-name">Name</Label>
        <Input
          id="template-name"
          value={details.name}
          onChange={(e) => setDetail("name", e.target.value)}
          {...field("name")}
          className="mt-1"
        />
        <FieldError id="template-name-error" message={errorOf("name")} />
      </div>
      <div>
        <Label htmlFor="template-condition">Condition</Label>
        <Select
          id="template-condition"
          value={details.condition}
          onChange={(e) => setDetail("condition", e.target.value as TemplateDetails["condition"])}
          {...field("condition")}
          className="mt-1 sm:max-w-sm"
        >
          <option value="">Choose a condition…</option>
          {CONDITIONS.map((c) => (
            <option key={c} value={c}>
              {CONDITION_LABELS[c]}
            </option>
          ))}
        </Select>
        <FieldError id="template-condition-error" message={errorOf("condition")} />
      </div>
      <div>
        <Label htmlFor="template-description">Description (optional)</Label>
        <p id="template-description-hint" className="text-sm text-muted-foreground">
          What the program aims at, in words a patient understands.
        </p>
        <Textarea
          id="template-description"
          value={details.description}
          rows={3}
          onChange={(e) => setDetail("description", e.target.value)}
          aria-invalid={errorOf("description") ? true : undefined}
          aria-describedby={
            errorOf("description")
              ? "template-description-hint template-description-error"
              : "template-description-hint"
          }
          className="mt-1"
        />
        <FieldError id="template-description-error" message={errorOf("description")} />
      </div>
    </Card>
  );

  const rowsToFix = rows.filter((r) => !validateRow(r).item).length;
  const problems = submitted
    ? [
        Object.keys(detailErrors).length > 0 ? "The details need fixing." : null,
        itemsError,
        rowsToFix > 0
          ? `${rowsToFix} exercise${rowsToFix === 1 ? " has" : "s have"} a dose, side or note to fix.`
          : null,
      ].filter((p): p is string => Boolean(p))
    : [];
  const barAlert = refused ? (
    <div role="alert" className="rounded-md border border-danger/30 bg-danger-soft p-2 text-danger">
      {refused.message} Nothing has been saved yet; what you typed is still here.
    </div>
  ) : problems.length > 0 ? (
    <div role="alert" className="rounded-md border border-danger/30 bg-danger-soft p-2 text-danger">
      <span className="font-medium">Not saved yet:</span> {problems.join(" ")} What you typed is
      still here.
    </div>
  ) : null;

  return (
    <DoseEditor
      context={{ kind: "template" }}
      label={templateId ? "Edit template" : "New template"}
      rows={rows}
      onRowsChange={setRows}
      onSave={onSave}
      header={header}
      listError={submitted ? (itemsError ?? undefined) : undefined}
      changes={saved ? 0 : changes}
      saveLabel={templateId ? "Save template" : "Create template"}
      pending={pending}
      barAlert={barAlert}
      barExtra={<Link href={templateId ? `/templates/${templateId}` : "/templates"}>Cancel</Link>}
    />
  );
}
