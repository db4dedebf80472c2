import { and, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/engine/types";
import { alerts } from "@/db/schema";
import type { AlertStatus } from "@/db/schema/enums";
import type { OpenRedFlag } from "@/server/domain/alert-rules";
import { dayInZone } from "@/server/domain/days";
import { perConnection, placeholder as p } from "../prepared";
import { minePrepared } from "@/server/data/clinic-data";

/** An unresolved alert as the rules and the alert writer read it. */
export interface OpenAlert {
  id: string;
  kind: string;
  ruleId: string;
  status: AlertStatus;
  inputs: Record<string, unknown>;
  updatedAt: Date;
}

const unresolved = perConnection((db) =>
  db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      ruleId: alerts.ruleId,
      status: alerts.status,
      inputs: alerts.inputs,
      updatedAt: alerts.updatedAt,
    })
    .from(alerts)
    .where(
      and(
        eq(alerts.patientId, p("patientId")),
        minePrepared(alerts),
        ne(alerts.status, "resolved"),
      ),
    )
    .prepare("clinical_open_alerts"),
);

/** The patient's unresolved alerts, every rule version, in the clinic's scope: one indexed read. */
export async function readOpenAlerts(
  db: Db,
  scope: { clinicId: string; patientId: string },
): Promise<OpenAlert[]> {
  return unresolved(db).execute({ patientId: scope.patientId, clinicId: scope.clinicId });
}

const RED_FLAG_LEVELS: Readonly<Record<string, OpenRedFlag["level"]>> = {
  "red-flag-emergency": "emergency",
  "red-flag-urgent": "urgent",
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The unresolved red-flag alerts (any rule version), each with its level and the day of the
 * latest yes it holds: the alert's own `day` input, or else the day it was last updated in the
 * patient's time zone (alerts raised before the day was recorded). The red-flag pause reads these.
 */
export function openRedFlags(open: readonly OpenAlert[], timeZone: string): OpenRedFlag[] {
  return open.flatMap((alert) => {
    const level = RED_FLAG_LEVELS[alert.kind];
    if (!level) return [];
    const day = alert.inputs.day;
    return [
      {
        level,
        day: typeof day === "string" && DAY.test(day) ? day : dayInZone(alert.updatedAt, timeZone),
      },
    ];
  });
}
