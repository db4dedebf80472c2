"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button, buttonVariants } from "@/components/ui/button";
import { Card, CardTitle } from "@/components/ui/card";

interface Props {
  exercise: { id: string; origin: "shared" | "clinic"; archived: boolean; used: boolean };
}

/** What an admin can do with an exercise: edit and archive their own, copy any. */
export function ExerciseActions({ exercise }: Props) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const copy = useMutation(
    trpc.library.copyToClinic.mutationOptions({
      onSuccess: ({ id }) => router.push(`/library/${id}`),
    }),
  );
  const archive = useMutation(
    trpc.library.setArchived.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const remove = useMutation(
    trpc.library.delete.mutationOptions({ onSuccess: () => router.push("/library") }),
  );
  const error = copy.error ?? archive.error ?? remove.error;

  return (
    <Card aria-labelledby="actions-heading">
      <CardTitle id="actions-heading">Manage</CardTitle>
      {exercise.origin === "shared" ? (
        <p className="mt-1 text-sm text-muted-foreground">
          The shared library stays as it is. Copy this exercise to adapt it for your clinic.
        </p>
      ) : null}
      <div className="mt-3 flex flex-wrap gap-2">
        {exercise.origin === "clinic" ? (
          <Link
            href={`/library/${exercise.id}/edit`}
            className={buttonVariants({ variant: "primary" })}
          >
            Edit
          </Link>
        ) : null}
        <Button
          variant="secondary"
          disabled={copy.isPending}
          onClick={() => copy.mutate({ exerciseId: exercise.id })}
        >
          {copy.isPending ? "Copying…" : "Copy into my clinic"}
        </Button>
        {exercise.origin === "clinic" ? (
          <Button
            variant="secondary"
            disabled={archive.isPending}
            onClick={() =>
              archive.mutate({ exerciseId: exercise.id, archived: !exercise.archived })
            }
          >
            {exercise.archived ? "Restore from archive" : "Archive"}
          </Button>
        ) : null}
        {exercise.origin === "clinic" && !exercise.used ? (
          confirmDelete ? (
            <span className="flex flex-wrap items-center gap-2">
              <span className="text-sm">Delete for good?</span>
              <Button
                variant="danger"
                size="sm"
                disabled={remove.isPending}
                onClick={() => remove.mutate({ exerciseId: exercise.id })}
              >
                Yes, delete
              </Button>
              <Button variant="secondary" size="sm" onClick={() => setConfirmDelete(false)}>
                Keep it
              </Button>
            </span>
          ) : (
            <Button variant="ghost" onClick={() => setConfirmDelete(true)}>
              Delete
            </Button>
          )
        ) : null}
      </div>
      {exercise.origin === "clinic" && exercise.used ? (
        <p className="mt-2 text-sm text-muted-foreground">
          Used in programs or templates, so it can be archived but not deleted.
        </p>
      ) : null}
      {error ? (
        <p role="alert" className="mt-2 text-sm text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </Card>
  );
}
