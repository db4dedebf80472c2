"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { errorMessage } from "@/components/trpc/errors";
import { useTRPC } from "@/components/trpc/client";
import { Button } from "@/components/ui/button";

/** An admin's actions on one template: edit, copy, archive or bring back. */
export function TemplateActions({
  templateId,
  shared,
  archived,
}: {
  templateId: string;
  shared: boolean;
  archived: boolean;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const copy = useMutation(
    trpc.templates.copy.mutationOptions({
      onSuccess: ({ id }) => router.push(`/templates/${id}/edit`),
    }),
  );
  const archive = useMutation(
    trpc.templates.archive.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const unarchive = useMutation(
    trpc.templates.unarchive.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const pending = copy.isPending || archive.isPending || unarchive.isPending;
  const error = copy.error ?? archive.error ?? unarchive.error;

  return (
    <section aria-label="Template actions" className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {!shared && !archived ? (
          <Button asChild>
            <Link href={`/templates/${templateId}/edit`} className="no-underline">
              Edit template
            </Link>
          </Button>
        ) : null}
        <Button
          type="button"
          variant={shared ? "primary" : "secondary"}
          disabled={pending}
          onClick={() => copy.mutate({ templateId })}
        >
          {copy.isPending ? "Copying…" : "Copy to a new template"}
        </Button>
        {!shared && !archived ? (
          <Button
            type="button"
            variant="secondary"
            disabled={pending}
            onClick={() => archive.mutate({ templateId })}
          >
            {archive.isPending ? "Archiving…" : "Archive"}
          </Button>
        ) : null}
        {!shared && archived ? (
          <Button type="button" disabled={pending} onClick={() => unarchive.mutate({ templateId })}>
            {unarchive.isPending ? "Restoring…" : "Unarchive"}
          </Button>
        ) : null}
      </div>
      <p className="text-sm text-muted-foreground">
        {shared
          ? "Shared templates are read-only. Copy this one to adapt it for your clinic."
          : archived
            ? "Archived: hidden from the list and from program building, still readable here. Unarchive it to use or edit it again."
            : "Archiving hides it from the list and from program building; it can be brought back."}
      </p>
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </section>
  );
}
