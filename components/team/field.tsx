import type { ReactNode } from "react";
import type { UseFormRegisterReturn } from "react-hook-form";
import { FieldError, Input, Label } from "@/components/ui/input";

/**
 * A labelled control with its hint and error, tied together by id so screen readers read the
 * label, then the error, then the hint. `control` receives the ids to put on the input.
 */
export function Field({
  id,
  label,
  hint,
  error,
  className,
  control,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  className?: string;
  control: (aria: {
    id: string;
    "aria-invalid": boolean | undefined;
    "aria-describedby": string | undefined;
  }) => ReactNode;
}) {
  const describedBy = [error ? `${id}-error` : null, hint ? `${id}-hint` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div className={className}>
      <Label htmlFor={id}>{label}</Label>
      <div className="mt-1">
        {control({
          id,
          "aria-invalid": error ? true : undefined,
          "aria-describedby": describedBy || undefined,
        })}
      </div>
      <FieldError id={`${id}-error`} message={error} />
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-sm text-muted-foreground">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

/**
 * An email address someone types for another person or the clinic: the phone's email keyboard,
 * no spelling fixes, and no autofill of the admin's own address.
 */
export function EmailField({
  id,
  label,
  error,
  registration,
}: {
  id: string;
  label: ReactNode;
  error?: string | undefined;
  registration: UseFormRegisterReturn;
}) {
  return (
    <Field
      id={id}
      label={label}
      error={error}
      control={(aria) => (
        <Input
          {...aria}
          type="email"
          inputMode="email"
          autoComplete="off"
          spellCheck={false}
          {...registration}
        />
      )}
    />
  );
}

/**
 * Where a form says what went wrong that no single field owns. The live region is always in the
 * page, so screen readers announce the message the moment it appears.
 */
export function FormAlert({ message }: { message: string | null }) {
  return (
    <div role="alert" aria-live="assertive">
      {message ? <p className="text-sm text-danger">{message}</p> : null}
    </div>
  );
}
