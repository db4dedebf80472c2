import { ClinicContactList, type ClinicContact } from "./red-flag-advice";

export function ClinicFooter({ clinic }: { clinic: ClinicContact }) {
  return (
    <footer className="rounded-lg border border-border p-4">
      <h2 className="font-semibold">Questions about your plan?</h2>
      <p>Contact {clinic.name}:</p>
      <ClinicContactList clinic={clinic} />
    </footer>
  );
}
