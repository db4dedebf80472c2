import { LinkInvalid } from "@/components/patient/link-invalid";

export default function LinkInvalidPage() {
  return <LinkInvalid />;
}
