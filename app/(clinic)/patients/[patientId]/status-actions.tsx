"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTRPC } from "@/components/trpc/client";
import { errorMessage } from "@/components/trpc/errors";
import { Button } from "@/components/ui/button";

/** Discharge (with a confirmation, since it ends the program and the link) or re-admit. */
export function StatusActions({
  patientId,
  status,
  name,
}: {
  patientId: string;
  status: "active" | "discharged";
  name: string;
}) {
  const trpc = useTRPC();
  const router = useRouter();
  const [confirming, setConfirming] = useState(false);
  const discharge = useMutation(
    trpc.patients.discharge.mutationOptions({
      onSuccess: () => (setConfirming(false), router.refresh()),
    }),
  );
  const readmit = useMutation(
    trpc.patients.readmit.mutationOptions({ onSuccess: () => router.refresh() }),
  );
  const error = discharge.error ?? readmit.error;

  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "discharged" ? (
        <Button
          type="button"
          variant="secondary"
          disabled={readmit.isPending}
          onClick={() => readmit.mutate({ patientId })}
        >
          Re-admit
        </Button>
      ) : confirming ? (
        <div
          role="group"
          aria-label="Confirm discharge"
          className="flex flex-wrap items-center gap-2 rounded-md border border-danger/30 bg-danger-soft p-2"
        >
          <span className="text-sm text-danger">
            Discharge {name}? Their program ends and their link stops working. History is kept.
          </span>
          <Button
            type="button"
            variant="danger"
            size="sm"
            disabled={discharge.isPending}
            onClick={() => discharge.mutate({ patientId })}
          >
            Yes, discharge
          </Button>
          <Button type="button" variant="secondary" size="sm" onClick={() => setConfirming(false)}>
            Cancel
          </Button>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setConfirming(true)}>
          Discharge
        </Button>
      )}
      {error ? (
        <p role="alert" className="text-sm text-danger">
          {errorMessage(error)}
        </p>
      ) : null}
    </div>
  );
}
