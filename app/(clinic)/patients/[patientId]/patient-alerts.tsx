import { AlertCard, type AlertRow } from "@/components/alerts/alert-card";
import { alertsLine, orderUnresolved, plural } from "@/components/patient-page/summary-words";
import { Card, CardTitle } from "@/components/ui/card";

/**
 * The patient's alerts in the summary: how many are open and acknowledged, and the most severe
 * unresolved one in full, with its actions. The others wait behind one click with the same
 * actions, so the summary stays on the first screen.
 */
export function PatientAlerts({
  open,
  openTotal,
  acknowledged,
  now,
  timeZone,
}: {
  open: AlertRow[];
  openTotal: number;
  acknowledged: AlertRow[];
  now: number;
  timeZone: string;
}) {
  const [top, ...rest] = orderUnresolved(open, acknowledged);
  return (
    <Card aria-labelledby="patient-alerts-heading">
      <CardTitle id="patient-alerts-heading">Alerts</CardTitle>
      <p className="mt-1 text-sm">{alertsLine(openTotal, acknowledged.length, top?.severity)}</p>
      {top ? (
        <div className="mt-3">
          <AlertCard key={top.id} alert={top} showPatient={false} now={now} timeZone={timeZone} />
        </div>
      ) : null}
      {rest.length > 0 ? (
        <details className="mt-3">
          <summary className="cursor-pointer text-sm font-medium">
            Show the other {plural(rest.length, "unresolved alert", "unresolved alerts")}
          </summary>
          <ul className="mt-2 space-y-3">
            {rest.map((alert) => (
              <li key={alert.id}>
                <AlertCard alert={alert} showPatient={false} now={now} timeZone={timeZone} />
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </Card>
  );
}
