import Link from "next/link";

/** The one page every unusable invitation or reset link shows, with the server's constant message. */
export function LinkNoLongerWorks({ message }: { message: string }) {
  return (
    <>
      <h1 className="mt-1 text-2xl font-semibold">This link no longer works</h1>
      <p className="mt-3">{message}</p>
      <p className="mt-4">
        <Link href="/login">Go to sign in</Link>
      </p>
    </>
  );
}
