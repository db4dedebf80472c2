import Link from "next/link";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-6">
      <h1 className="text-2xl font-semibold">We could not find that page</h1>
      <p className="mt-2 text-muted-foreground">
        It may have moved, or the address may be mistyped.
      </p>
      <p className="mt-4">
        <Link href="/patients">Go to your patients</Link>
      </p>
    </main>
  );
}
