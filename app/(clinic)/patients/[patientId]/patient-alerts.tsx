import { AlertCard } from "@/components/alerts/alert-card";
import type { RouterOutputs } from "@/components/trpc/types";
import { Card, CardTitle } from "@/components/ui/card";

type AlertRow = RouterOutputs["alerts"]["list"]["rows"][number];

/** The patient's unresolved alerts, open ones first, with the same actions as the inbox. */
export function PatientAlerts({ alerts, now }: { alerts: AlertRow[]; now: number }) {
  if (alerts.length === 0) return null;
  return (
    <Card aria-labelledby="patient-alerts-heading">
      <CardTitle id="patient-alerts-heading">Alerts</CardTitle>
      <ul className="mt-2 space-y-3">
        {alerts.map((alert) => (
          <li key={alert.id}>
            <AlertCard alert={alert} showPatient={false} now={now} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
