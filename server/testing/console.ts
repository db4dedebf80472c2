import { vi } from "vitest";

/**
 * Empties `lines`, then collects into it what the code under test writes to the console instead
 * of printing it, one string a call; vi.restoreAllMocks() puts the console back.
 */
export function captureConsole(lines: string[]) {
  lines.length = 0;
  for (const method of ["log", "error", "warn", "info"] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(" "));
    });
  }
}
