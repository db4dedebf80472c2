import { TRPCError } from "@trpc/server";
import type { Metadata } from "next";
import { ClinicFooter } from "@/components/patient/clinic-footer";
import { LinkInvalid } from "@/components/patient/link-invalid";
import { PatientNav } from "@/components/patient/patient-nav";
import { ReminderSettingsForm } from "@/components/patient/reminder-settings-form";
import { patientPageCaller } from "@/server/page-auth";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Reminders" };

/** Whether, when and how the patient is reminded (issue 16): phone first, one column. */
export default async function RemindersPage() {
  const api = await patientPageCaller();
  const unauthorized = (error: unknown) => {
    if (error instanceof TRPCError && error.code === "UNAUTHORIZED") return null;
    throw error;
  };
  const [settings, plan] = await Promise.all([
    api.reminders.settings().catch(unauthorized),
    api.plan.today().catch(unauthorized),
  ]);
  if (!settings || !plan) return <LinkInvalid />;
  return (
    <div className="space-y-5">
      <header className="space-y-3">
        <div>
          <p className="font-semibold text-primary">{plan.clinic.name}</p>
          <h1 className="mt-1 text-2xl leading-tight font-semibold">Reminders</h1>
          <p className="text-muted-foreground">
            Choose if and when we remind you to do your exercises.
          </p>
        </div>
        <PatientNav current="reminders" />
      </header>
      <ReminderSettingsForm
        initial={{
          remindersOn: settings.remindersOn,
          remindAt: settings.remindAt,
          weekdays: settings.weekdays,
          channel: settings.channel,
          email: settings.email ?? "",
        }}
        pushPhones={settings.pushPhones}
        pushPublicKey={settings.pushPublicKey}
        mailReady={settings.mailReady}
        daysPerWeek={settings.daysPerWeek}
        hasCalendar={settings.calendarSince !== null}
      />
      <ClinicFooter clinic={plan.clinic} />
    </div>
  );
}
