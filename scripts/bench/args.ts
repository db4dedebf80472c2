/** The value after `--name` on the command line, if any. */
export function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** A positive number after `--name`, or the fallback when it is missing or not one. */
export function numberArg(name: string, fallback: number): number {
  const value = Number(arg(name) ?? Number.NaN);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
