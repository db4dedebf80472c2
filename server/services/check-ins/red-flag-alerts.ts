import type { Tx } from "@/db/engine/types";
import { redFlagAlerts } from "@/server/domain/alert-rules";
import { AlertWriter } from "../clinical/alert-writer";
import type { PatientScope } from "../scope";

/**
 * Raises the red-flag alerts a safety check calls for, in the check-in's transaction: one per
 * level with a yes (`red-flag-emergency@2`, `red-flag-urgent@2`), holding the ids answered yes
 * and the day, which starts the red-flag pause. An unresolved alert of the same rule is updated
 * with the new evidence instead; an open one of question set 1 stays as it was.
 */
export async function raiseRedFlagAlerts(options: {
  tx: Tx;
  scope: PatientScope;
  checkInId: string;
  day: string;
  answers: readonly { questionId: string; answer: boolean }[];
  now: Date;
}): Promise<void> {
  const { tx, scope, now } = options;
  const findings = redFlagAlerts(options.answers);
  if (findings.length === 0) return;
  const writer = await AlertWriter.open(
    tx,
    scope,
    { kind: "patient_link", id: scope.linkId, ip: scope.ip },
    now,
  );
  for (const finding of findings) {
    const questionIds = finding.inputs.questionIds as string[];
    await writer.write(
      { ...finding, inputs: { ...finding.inputs, checkInId: options.checkInId, day: options.day } },
      // Which questions were answered yes stays in the alert row; the trail records the event.
      { checkInId: options.checkInId, questionCount: questionIds.length },
    );
  }
}
