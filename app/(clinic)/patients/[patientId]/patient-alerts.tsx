import { AlertCard, type AlertRow } from "@/components/alerts/alert-card";
import { Card, CardTitle } from "@/components/ui/card";

/**
 * The patient's unresolved alerts, open ones first, with the same actions as the inbox. Nothing
 * at all when there are none: the page's other sections matter more then.
 */
export function PatientAlerts({
  alerts,
  now,
  timeZone,
}: {
  alerts: AlertRow[];
  now: number;
  timeZone: string;
}) {
  if (alerts.length === 0) return null;
  return (
    <Card aria-labelledby="patient-alerts-heading">
      <CardTitle id="patient-alerts-heading">Alerts</CardTitle>
      <ul className="mt-2 space-y-3">
        {alerts.map((alert) => (
          <li key={alert.id}>
            <AlertCard alert={alert} showPatient={false} now={now} timeZone={timeZone} />
          </li>
        ))}
      </ul>
    </Card>
  );
}
