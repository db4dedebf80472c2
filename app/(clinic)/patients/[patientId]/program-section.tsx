import type { RouterOutputs } from "@/components/trpc/types";
import { Badge } from "@/components/ui/badge";
import { Card, CardTitle } from "@/components/ui/card";
import { Table, Td, Th } from "@/components/ui/table";
import { dateTimeFormat } from "@/lib/intl-format";
import { REASON_LABELS, formatDate } from "@/lib/labels";

type Program = RouterOutputs["patients"]["get"]["program"];
type History = RouterOutputs["programs"]["history"];

/** The program in force, exercise by exercise, and every version before it with what changed. */
export function ProgramSection({
  program,
  history,
  timeZone,
}: {
  program: Program;
  history: History;
  timeZone: string;
}) {
  return (
    <div className="space-y-6">
      <Card aria-labelledby="program-heading">
        <CardTitle id="program-heading">Current program</CardTitle>
        {program ? (
          <>
            <p className="mt-1 text-sm text-muted-foreground">
              Version {program.version.number} (
              {REASON_LABELS[program.version.reason].toLowerCase()}) since{" "}
              {formatDate(program.version.effectiveFrom, timeZone)} by {program.version.authorName}{" "}
              · pain limit {program.version.painLimit}/10
            </p>
            {program.version.note ? (
              <p className="mt-1 text-sm">Note: {program.version.note}</p>
            ) : null}
            <div className="mt-3">
              <Table>
                <caption className="sr-only">Exercises and dose of the current program</caption>
                <thead>
                  <tr>
                    <Th scope="col">#</Th>
                    <Th scope="col">Exercise</Th>
                    <Th scope="col">Dose</Th>
                    <Th scope="col">Note for the patient</Th>
                  </tr>
                </thead>
                <tbody>
                  {program.items.map((item, index) => (
                    <tr key={item.id}>
                      <Td>{index + 1}</Td>
                      <Td className="font-medium">
                        {item.exercise.name}
                        {item.exercise.archived ? (
                          <Badge tone="warning" className="ml-2">
                            Archived
                          </Badge>
                        ) : null}
                      </Td>
                      <Td>{item.doseText}</Td>
                      <Td>{item.notes ?? "—"}</Td>
                    </tr>
                  ))}
                </tbody>
              </Table>
            </div>
          </>
        ) : (
          <p className="mt-2 text-muted-foreground">This patient has no program yet.</p>
        )}
      </Card>

      <Card aria-labelledby="history-heading">
        <CardTitle id="history-heading">Program history</CardTitle>
        {history.length === 0 ? (
          <p className="mt-2 text-muted-foreground">No versions yet.</p>
        ) : (
          <ol className="mt-2 divide-y divide-border">
            {history.map((v) => (
              <li key={v.id} className="py-3">
                <p className="font-medium">
                  Version {v.number} · {REASON_LABELS[v.reason]}
                  {v.programStatus === "ended" ? (
                    <span className="font-normal text-muted-foreground">
                      {" "}
                      (earlier program, ended)
                    </span>
                  ) : null}
                </p>
                <p className="text-sm text-muted-foreground">
                  {dateTimeFormat({ dateStyle: "medium", timeStyle: "short", timeZone }).format(
                    v.effectiveFrom,
                  )}{" "}
                  by {v.authorName} · pain limit {v.painLimit}/10
                </p>
                {v.note ? <p className="text-sm">Note: {v.note}</p> : null}
                {v.changes.length > 0 ? (
                  <ul className="mt-1 list-disc pl-5 text-sm">
                    {v.changes.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-muted-foreground">
                    Same exercises and doses as before.
                  </p>
                )}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
