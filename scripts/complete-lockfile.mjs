// The npm registry reached from our machines does not serve every platform's build of packages
// such as @next/swc or @tailwindcss/oxide, so `npm install` here writes a lock file without them and
// `npm ci` then refuses it. This adds the missing optional entries, marked with their platform so
// npm skips them on Linux and fetches them normally on a Mac or Windows laptop.
// Run after any `npm install` that changes dependencies: node scripts/complete-lockfile.mjs
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";

const OS = [
  "android",
  "darwin",
  "freebsd",
  "win32",
  "openharmony",
  "linux",
  "sunos",
  "aix",
  "netbsd",
  "openbsd",
];
const CPU = {
  arm64: "arm64",
  x64: "x64",
  ia32: "ia32",
  loong64: "loong64",
  ppc64: "ppc64",
  riscv64: "riscv64",
  s390x: "s390x",
  wasm32: "wasm32",
  arm: "arm",
};

function platformOf(name) {
  const tokens = name.split("/").pop().split("-");
  const os = tokens.find((t) => OS.includes(t));
  const cpuToken = tokens.find((t) => t in CPU);
  const entry = {};
  if (os) entry.os = [os];
  if (cpuToken) entry.cpu = [CPU[cpuToken]];
  if (os === "linux") {
    if (tokens.some((t) => t.startsWith("musl"))) entry.libc = ["musl"];
    else if (tokens.some((t) => t.startsWith("gnu"))) entry.libc = ["glibc"];
  }
  return entry;
}

function missingEntries() {
  try {
    execFileSync("npm", ["ci", "--dry-run", "--ignore-scripts"], { stdio: "pipe" });
    return [];
  } catch (error) {
    const output = `${error.stdout ?? ""}${error.stderr ?? ""}`;
    return [...output.matchAll(/Missing: (.+?)@\S* from lock file/g)].map((m) => m[1]);
  }
}

const lock = JSON.parse(readFileSync("package-lock.json", "utf8"));
const packages = lock.packages;
const missing = missingEntries();
for (const name of missing) {
  const parent = Object.values(packages).find((p) => p.optionalDependencies?.[name]);
  const version = parent?.optionalDependencies[name];
  if (!version)
    throw new Error(`No parent declares ${name} as optional; fix the lock file by hand.`);
  packages[`node_modules/${name}`] = {
    version: version.replace(/^[\^~=]/, ""),
    optional: true,
    ...platformOf(name),
  };
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(
  missing.length
    ? `Added ${missing.length} platform entries: ${missing.join(", ")}`
    : "The lock file is complete.",
);
