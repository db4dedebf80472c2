"use client";

import { useMutation } from "@tanstack/react-query";
import { ArrowDown, ArrowUp, Plus, Trash2 } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";
import { FieldError, Input, Label } from "@/components/ui/input";
import { CONDITIONS, EXERCISE_CATEGORIES, type ExerciseCategory } from "@/db/schema/enums";
import { CATEGORY_LABELS, CONDITION_LABELS } from "@/lib/labels";
import { describeTemplateDose } from "@/server/domain/template-dose";
import { Select, Textarea } from "./fields";
import {
  controlId,
  DOSE_FIELDS,
  itemState,
  moveItem,
  toDraft,
  validateForm,
  validDose,
  type DoseKey,
  type FormErrors,
  type FormState,
  type ItemState,
} from "./form-state";

export interface ExerciseOption {
  id: string;
  name: string;
  category: ExerciseCategory;
  shared: boolean;
  defaults: Parameters<typeof itemState>[2];
}

/** Where focus goes after a change that moves or removes the focused control. */
type FocusTarget = { id: string } | null;

/**
 * Creates a clinic template, or edits one (its items are replaced as a whole on save). Everything
 * is checked with the API's schema before sending; what the server refuses stays on screen.
 */
export function TemplateForm({
  templateId,
  initial,
  exerciseOptions,
}: {
  templateId?: string;
  initial: FormState;
  exerciseOptions: ExerciseOption[];
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [state, setState] = useState(initial);
  const [errors, setErrors] = useState<FormErrors>({});
  const [serverError, setServerError] = useState<string | null>(null);
  const [toAdd, setToAdd] = useState("");
  const [announcement, setAnnouncement] = useState("");
  const [focusTarget, setFocusTarget] = useState<FocusTarget>(null);
  const newKeys = useRef(0);

  useEffect(() => {
    if (focusTarget) document.getElementById(focusTarget.id)?.focus();
  }, [focusTarget]);

  const onSaved = ({ id }: { id: string }) => {
    router.push(`/templates/${id}`);
    router.refresh();
  };
  const onRefused = (error: unknown) => {
    setServerError(errorMessage(error));
    const fieldErrors = (error as { data?: { fieldErrors?: Record<string, string[]> | null } }).data
      ?.fieldErrors;
    if (fieldErrors) {
      setErrors(
        Object.fromEntries(
          Object.entries(fieldErrors).map(([key, messages]) => [key, messages[0] ?? ""]),
        ),
      );
    }
  };
  const create = useMutation(
    trpc.templates.create.mutationOptions({ onSuccess: onSaved, onError: onRefused }),
  );
  const update = useMutation(
    trpc.templates.update.mutationOptions({ onSuccess: onSaved, onError: onRefused }),
  );
  const pending = create.isPending || update.isPending;

  function setField<K extends "name" | "condition" | "description">(key: K, value: FormState[K]) {
    setState((s) => ({ ...s, [key]: value }));
  }

  function setItemField(key: string, field: DoseKey | "notes", value: string) {
    setState((s) => ({
      ...s,
      items: s.items.map((item) => (item.key === key ? { ...item, [field]: value } : item)),
    }));
  }

  function move(index: number, by: -1 | 1) {
    const item = state.items[index];
    if (!item) return;
    const items = moveItem(state.items, index, by);
    const position = index + by;
    setState((s) => ({ ...s, items }));
    setAnnouncement(`${item.exerciseName} moved to position ${position + 1} of ${items.length}.`);
    // The pressed button may now be disabled (first or last place): keep focus on the item.
    const pressed = by === -1 ? "up" : "down";
    const other = by === -1 ? "down" : "up";
    const canRepeat = by === -1 ? position > 0 : position < items.length - 1;
    setFocusTarget({ id: `item-${item.key}-${canRepeat ? pressed : other}` });
  }

  function remove(index: number) {
    const item = state.items[index];
    if (!item) return;
    const items = state.items.filter((_, i) => i !== index);
    setState((s) => ({ ...s, items }));
    setAnnouncement(`${item.exerciseName} removed.`);
    const neighbour = items[Math.min(index, items.length - 1)];
    setFocusTarget({ id: neighbour ? `item-${neighbour.key}-remove` : "add-exercise" });
  }

  function add() {
    const option = exerciseOptions.find((o) => o.id === toAdd);
    if (!option) {
      setErrors((e) => ({ ...e, items: "Choose an exercise to add from the list." }));
      setFocusTarget({ id: "add-exercise" });
      return;
    }
    const key = `new${++newKeys.current}`;
    const item = itemState(key, { ...option, archived: false }, option.defaults, null);
    setState((s) => ({ ...s, items: [...s.items, item] }));
    setErrors(({ items: _, ...rest }) => rest);
    setToAdd("");
    setAnnouncement(`${option.name} added as exercise ${state.items.length + 1}.`);
    setFocusTarget({ id: `item-${key}-sets` });
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    setServerError(null);
    const found = validateForm(state);
    setErrors(found);
    const first = Object.keys(found)[0];
    if (first) {
      setFocusTarget({ id: controlId(first) });
      return;
    }
    const draft = toDraft(state);
    if (templateId) update.mutate({ templateId, ...draft });
    else create.mutate(draft);
  }

  const errorCount = Object.keys(errors).length;
  const grouped = EXERCISE_CATEGORIES.map((category) => ({
    category,
    options: exerciseOptions.filter((o) => o.category === category),
  })).filter((g) => g.options.length > 0);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6" aria-busy={pending}>
      {serverError || errorCount > 0 ? (
        <div role="alert" className="rounded-md border border-danger/40 bg-danger-soft p-3">
          <p className="font-medium text-danger">
            {serverError ??
              `Some fields need fixing (${errorCount}): see the messages beside them.`}
          </p>
          <p className="text-sm">Nothing has been saved yet; what you typed is still here.</p>
        </div>
      ) : null}

      <Card aria-labelledby="details-heading" className="space-y-4">
        <CardTitle id="details-heading">Details</CardTitle>
        <div>
          <Label htmlFor="template-name">Name</Label>
          <Input
            id="template-name"
            value={state.name}
            onChange={(e) => setField("name", e.target.value)}
            aria-invalid={errors.name ? true : undefined}
            aria-describedby={errors.name ? "template-name-error" : undefined}
            className="mt-1"
          />
          <FieldError id="template-name-error" message={errors.name} />
        </div>
        <div>
          <Label htmlFor="template-condition">Condition</Label>
          <Select
            id="template-condition"
            value={state.condition}
            onChange={(e) => setField("condition", e.target.value as FormState["condition"])}
            aria-invalid={errors.condition ? true : undefined}
            aria-describedby={errors.condition ? "template-condition-error" : undefined}
            className="mt-1 sm:max-w-sm"
          >
            <option value="">Choose a condition…</option>
            {CONDITIONS.map((c) => (
              <option key={c} value={c}>
                {CONDITION_LABELS[c]}
              </option>
            ))}
          </Select>
          <FieldError id="template-condition-error" message={errors.condition} />
        </div>
        <div>
          <Label htmlFor="template-description">Description (optional)</Label>
          <p id="template-description-hint" className="text-sm text-muted-foreground">
            What the program aims at, in words a patient understands.
          </p>
          <Textarea
            id="template-description"
            value={state.description}
            rows={3}
            onChange={(e) => setField("description", e.target.value)}
            aria-invalid={errors.description ? true : undefined}
            aria-describedby={
              errors.description
                ? "template-description-hint template-description-error"
                : "template-description-hint"
            }
            className="mt-1"
          />
          <FieldError id="template-description-error" message={errors.description} />
        </div>
      </Card>

      <section aria-labelledby="items-heading" className="space-y-3">
        <h2 id="items-heading" className="text-lg font-semibold">
          Exercises and dose
        </h2>
        <p className="text-sm text-muted-foreground">
          Leave a number empty when it does not apply (for example no hold, or no duration).
        </p>
        {state.items.length === 0 ? (
          <p className="rounded-lg border border-dashed border-border bg-background p-4 text-center">
            No exercises yet. Add the first one below.
          </p>
        ) : (
          <ol className="space-y-3">
            {state.items.map((item, index) => (
              <ItemEditor
                key={item.key}
                item={item}
                index={index}
                count={state.items.length}
                errors={errors}
                onChange={(field, value) => setItemField(item.key, field, value)}
                onMove={(by) => move(index, by)}
                onRemove={() => remove(index)}
              />
            ))}
          </ol>
        )}

        <div className="rounded-lg border border-border bg-background p-4">
          <Label htmlFor="add-exercise">Add an exercise</Label>
          <p id="add-exercise-hint" className="text-sm text-muted-foreground">
            Its usual dose from the library is filled in; adjust it after adding.
          </p>
          <div className="mt-1 flex flex-col gap-2 sm:flex-row">
            <Select
              id="add-exercise"
              value={toAdd}
              onChange={(e) => setToAdd(e.target.value)}
              aria-invalid={errors.items ? true : undefined}
              aria-describedby={
                errors.items ? "add-exercise-hint items-error" : "add-exercise-hint"
              }
              className="min-w-0 sm:max-w-md sm:flex-1"
            >
              <option value="">Choose an exercise…</option>
              {grouped.map((g) => (
                <optgroup key={g.category} label={CATEGORY_LABELS[g.category]}>
                  {g.options.map((o) => (
                    <option key={o.id} value={o.id}>
                      {o.shared ? o.name : `${o.name} (your clinic)`}
                    </option>
                  ))}
                </optgroup>
              ))}
            </Select>
            <Button type="button" variant="secondary" onClick={add} className="self-start">
              <Plus aria-hidden="true" className="size-4" />
              Add exercise
            </Button>
          </div>
          <FieldError id="items-error" message={errors.items} />
        </div>
      </section>

      <p role="status" className="sr-only">
        {announcement}
      </p>

      <div className="flex flex-wrap items-center gap-3">
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : templateId ? "Save template" : "Create template"}
        </Button>
        <Link href={templateId ? `/templates/${templateId}` : "/templates"}>Cancel</Link>
      </div>
    </form>
  );
}

function ItemEditor({
  item,
  index,
  count,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  item: ItemState;
  index: number;
  count: number;
  errors: FormErrors;
  onChange: (field: DoseKey | "notes", value: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const id = (field: string) => `item-${item.key}-${field}`;
  const headingId = id("heading");
  const dose = validDose(item);
  const notesError = errors[`items.${item.key}.notes`];

  return (
    <li className="rounded-lg border border-border bg-background p-4">
      <div role="group" aria-labelledby={headingId}>
        <div className="flex flex-wrap items-start justify-between gap-2">
          <h3 id={headingId} className="font-semibold">
            {index + 1}. {item.exerciseName}
            {item.exerciseArchived ? (
              <Badge tone="warning" className="ml-2 align-middle">
                Archived exercise
              </Badge>
            ) : null}
          </h3>
          <div className="flex flex-wrap gap-2">
            <Button
              id={id("up")}
              type="button"
              variant="secondary"
              size="sm"
              disabled={index === 0}
              aria-label={`Move ${item.exerciseName} up`}
              onClick={() => onMove(-1)}
            >
              <ArrowUp aria-hidden="true" className="size-4" />
              Up
            </Button>
            <Button
              id={id("down")}
              type="button"
              variant="secondary"
              size="sm"
              disabled={index === count - 1}
              aria-label={`Move ${item.exerciseName} down`}
              onClick={() => onMove(1)}
            >
              <ArrowDown aria-hidden="true" className="size-4" />
              Down
            </Button>
            <Button
              id={id("remove")}
              type="button"
              variant="secondary"
              size="sm"
              aria-label={`Remove ${item.exerciseName}`}
              onClick={onRemove}
            >
              <Trash2 aria-hidden="true" className="size-4" />
              Remove
            </Button>
          </div>
        </div>
        {item.exerciseArchived ? (
          <p className="mt-1 text-sm text-warning">
            This exercise has been archived in the library. It can stay, but consider replacing it.
          </p>
        ) : null}

        <div className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-4 lg:grid-cols-7">
          {DOSE_FIELDS.map((field) => {
            const message = errors[`items.${item.key}.${field.key}`];
            return (
              <div key={field.key}>
                <Label htmlFor={id(field.key)}>{field.label}</Label>
                <Input
                  id={id(field.key)}
                  type="number"
                  inputMode="numeric"
                  step={1}
                  min={field.min}
                  max={field.max}
                  value={item[field.key]}
                  onChange={(e) => onChange(field.key, e.target.value)}
                  aria-invalid={message ? true : undefined}
                  aria-describedby={message ? id(`${field.key}-error`) : undefined}
                  className="mt-1"
                />
                <FieldError id={id(`${field.key}-error`)} message={message} />
              </div>
            );
          })}
        </div>

        <div className="mt-3">
          <Label htmlFor={id("notes")}>Note for the patient (optional)</Label>
          <Input
            id={id("notes")}
            value={item.notes}
            onChange={(e) => onChange("notes", e.target.value)}
            aria-invalid={notesError ? true : undefined}
            aria-describedby={notesError ? id("notes-error") : undefined}
            className="mt-1"
          />
          <FieldError id={id("notes-error")} message={notesError} />
        </div>

        <p className="mt-2 text-sm text-muted-foreground">
          {dose ? (
            <>
              The patient reads:{" "}
              <span className="text-foreground">{describeTemplateDose(dose)}</span>
            </>
          ) : (
            "Fix the numbers above to see how the patient will read this dose."
          )}
        </p>
      </div>
    </li>
  );
}
