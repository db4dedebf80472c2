import { describe, expect, it } from "vitest";
import { alertsLine, orderUnresolved, plural } from "./summary-words";

const alert = (id: string, severity: string) => ({ id, severity });

describe("the summary's alerts", () => {
  it("puts the most severe first, open before acknowledged within a severity, else as given", () => {
    const open = [alert("o-high", "high"), alert("o-low-1", "low"), alert("o-low-2", "low")];
    const acknowledged = [alert("a-critical", "critical"), alert("a-high", "high")];
    expect(orderUnresolved(open, acknowledged).map((a) => a.id)).toEqual([
      "a-critical",
      "o-high",
      "a-high",
      "o-low-1",
      "o-low-2",
    ]);
  });

  it("keeps an alert just acknowledged on top while it is still the most severe", () => {
    const before = orderUnresolved([alert("worse", "high"), alert("overdue", "low")], []);
    const after = orderUnresolved([alert("overdue", "low")], [alert("worse", "high")]);
    expect(before[0]!.id).toBe("worse");
    expect(after[0]!.id).toBe("worse");
  });

  it("puts a severity this build does not know last", () => {
    expect(orderUnresolved([alert("x", "severe"), alert("l", "low")], []).map((a) => a.id)).toEqual(
      ["l", "x"],
    );
  });

  it("counts open and acknowledged alerts and names the most severe in words", () => {
    expect(alertsLine(2, 0, "high")).toBe("2 open; the most severe is high.");
    expect(alertsLine(1, 2, "critical")).toBe(
      "1 open, 2 acknowledged; the most severe is critical.",
    );
    expect(alertsLine(0, 1, "medium")).toBe("0 open, 1 acknowledged; the most severe is medium.");
    expect(alertsLine(1, 0, "severe")).toBe("1 open; the most severe is severe.");
  });

  it("says when nothing is open", () => {
    expect(alertsLine(0, 0, undefined)).toBe("No open alerts.");
  });

  it("puts one or many", () => {
    expect(plural(1, "link", "links")).toBe("1 link");
    expect(plural(0, "link", "links")).toBe("0 links");
  });
});
