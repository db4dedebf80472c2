import type { Metadata } from "next";
import Link from "next/link";
import { requireAdminPage } from "@/server/page-auth";
import { TemplateForm } from "../template-form";

export const metadata: Metadata = { title: "New template" };

export default async function NewTemplatePage() {
  await requireAdminPage();

  return (
    <div className="space-y-4">
      <p>
        <Link href="/templates">← Program templates</Link>
      </p>
      <div>
        <h1 className="text-2xl font-semibold">New template</h1>
        <p className="text-muted-foreground">
          To start from an existing template instead, open it and choose “Copy to a new template”.
        </p>
      </div>
      <TemplateForm initial={{ name: "", condition: "", description: "", items: [] }} />
    </div>
  );
}
