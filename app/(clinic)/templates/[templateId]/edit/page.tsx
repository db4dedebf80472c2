import type { Metadata } from "next";
import Link from "next/link";
import { Card } from "@/components/ui/card";
import { requireAdminPage } from "@/server/page-auth";
import { orNotFound } from "../../load";
import { TemplateForm } from "../../template-form";
import { TemplateActions } from "../template-actions";

export const metadata: Metadata = { title: "Edit template" };

export default async function EditTemplatePage({
  params,
}: {
  params: Promise<{ templateId: string }>;
}) {
  const { templateId } = await params;
  const { api } = await requireAdminPage();
  const template = await orNotFound(api.templates.get({ templateId }));
  const back = (
    <p>
      <Link href={`/templates/${template.id}`}>← {template.name}</Link>
    </p>
  );

  if (template.shared || template.archived) {
    return (
      <div className="space-y-4">
        {back}
        <h1 className="text-2xl font-semibold">Edit template</h1>
        <Card className="space-y-3">
          <p className="font-medium">
            {template.shared
              ? "Shared templates cannot be edited."
              : "This template is archived and cannot be edited."}
          </p>
          <TemplateActions
            templateId={template.id}
            shared={template.shared}
            archived={template.archived}
          />
        </Card>
      </div>
    );
  }

  const initial = {
    name: template.name,
    condition: template.condition,
    description: template.description,
    items: template.items,
  };

  return (
    <div className="space-y-4">
      {back}
      <div>
        <h1 className="text-2xl font-semibold">Edit template</h1>
        <p className="text-muted-foreground">
          Saving replaces this template&apos;s exercises. Programs already built from it do not
          change.
        </p>
      </div>
      <TemplateForm templateId={template.id} initial={initial} />
    </div>
  );
}
