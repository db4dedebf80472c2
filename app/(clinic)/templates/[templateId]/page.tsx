import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { CONDITION_LABELS, formatDate } from "@/lib/labels";
import { requireStaffPage } from "@/server/page-auth";
import { orNotFound } from "../load";
import { TemplateActions } from "./template-actions";

export const metadata: Metadata = { title: "Program template" };

export default async function TemplatePage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  const { templateId } = await params;
  const { api, session } = await requireStaffPage();
  const template = await orNotFound(api.templates.get({ templateId }));

  return (
    <div className="space-y-6">
      <div>
        <p>
          <Link href="/templates">← Program templates</Link>
        </p>
        <h1 className="mt-2 text-2xl font-semibold">{template.name}</h1>
        <div className="mt-1 flex flex-wrap items-center gap-2 text-muted-foreground">
          <span>{CONDITION_LABELS[template.condition]}</span>
          <span aria-hidden="true">·</span>
          <Badge tone={template.shared ? "info" : "neutral"}>
            {template.shared ? "Shared template" : "Your clinic's template"}
          </Badge>
          {template.archivedAt ? (
            <Badge tone="warning">Archived {formatDate(template.archivedAt)}</Badge>
          ) : null}
        </div>
        {template.description ? <p className="mt-3 max-w-3xl">{template.description}</p> : null}
      </div>

      {session.role === "admin" ? (
        <TemplateActions
          templateId={template.id}
          shared={template.shared}
          archived={template.archived}
        />
      ) : null}

      <section aria-labelledby="items-heading">
        <h2 id="items-heading" className="text-lg font-semibold">
          Exercises ({template.items.length})
        </h2>
        <p className="text-sm text-muted-foreground">
          In order. “The affected leg” becomes the patient&apos;s own side when a program is built
          from this template, and every dose can still be changed for that patient.
        </p>
        {template.items.length === 0 ? (
          <p className="mt-3 rounded-lg border border-dashed border-border bg-background p-4">
            This template has no exercises.
          </p>
        ) : (
          <ol className="mt-3 space-y-2" aria-label="Exercises in order">
            {template.items.map((item, index) => (
              <li
                key={item.id}
                className="flex gap-3 rounded-lg border border-border bg-background p-3"
              >
                <span
                  aria-hidden="true"
                  className="flex size-8 shrink-0 items-center justify-center rounded-full bg-muted font-semibold"
                >
                  {index + 1}
                </span>
                <div className="min-w-0">
                  <p className="font-semibold">
                    <span className="sr-only">{index + 1}. </span>
                    {item.exerciseName}
                    {item.exerciseArchived ? (
                      <Badge tone="warning" className="ml-2 align-middle">
                        Archived exercise
                      </Badge>
                    ) : null}
                  </p>
                  <p>{item.doseText}</p>
                  {item.notes ? (
                    <p className="text-sm text-muted-foreground">Note: {item.notes}</p>
                  ) : null}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>
    </div>
  );
}
