import { and, eq } from "drizzle-orm";
import { calendarFeeds, patientLinks, patients, reminderSettings } from "@/db/schema";
import { hashLinkToken, looksLikeLinkToken } from "@/server/auth/tokens";
import type { SystemData } from "@/server/data/clinic-data";
import { addDays, dayInZone } from "@/server/domain/days";
import { calendarDays, instantOf } from "@/server/domain/reminders";
import { readClinicContact } from "../clinic/clinic-details";
import { getCurrentProgram } from "../programs/get-current-program";
import { DEFAULT_SETTINGS } from "./reminder-settings";

/** The feed shows two weeks back and eight ahead; calendar apps fetch it again twice a day. */
const DAYS_BACK = 14;
const DAYS_AHEAD = 56;
const SESSION_MINUTES = 20;

/** `20261130T180000Z`: a UTC DATE-TIME (RFC 5545 §3.3.5, form 2), so no VTIMEZONE is needed. */
function utcStamp(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

/** TEXT values escape backslash, semicolon, comma and newlines (RFC 5545 §3.3.11). */
function text(value: string): string {
  return value
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r?\n/g, "\\n");
}

/** Lines longer than 75 octets are folded: CRLF and one space (RFC 5545 §3.1). */
function fold(line: string): string {
  const bytes = Buffer.from(line, "utf8");
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = "";
  let size = 0;
  for (const char of line) {
    const width = Buffer.byteLength(char, "utf8");
    const limit = parts.length === 0 ? 75 : 74;
    if (size + width > limit) {
      parts.push(current);
      current = "";
      size = 0;
    }
    current += char;
    size += width;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

export interface CalendarFacts {
  patientId: string;
  clinicName: string;
  timeZone: string;
  remindAt: string;
  weekdays: number;
  programStartDay: string | null;
  appUrl: string;
  now: Date;
}

/**
 * The calendar (RFC 5545): one event per session day, at the patient's reminder time on their own
 * clock, with an alarm, the link to the plan and nothing about their health. Each event's UID is
 * the patient and the day, so an app that fetches again updates events rather than adding more.
 */
export function renderCalendar(facts: CalendarFacts): string {
  const today = dayInZone(facts.now, facts.timeZone);
  const host = new URL(facts.appUrl).hostname || "rehabit.invalid";
  const planUrl = `${facts.appUrl}/p`;
  const days = calendarDays({
    from: addDays(today, -DAYS_BACK),
    to: addDays(today, DAYS_AHEAD),
    weekdays: facts.weekdays,
    programStartDay: facts.programStartDay,
  });
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//Rehabit//Exercise reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `NAME:${text(`My exercises (${facts.clinicName})`)}`,
    `X-WR-CALNAME:${text(`My exercises (${facts.clinicName})`)}`,
    "REFRESH-INTERVAL;VALUE=DURATION:PT12H",
    "X-PUBLISHED-TTL:PT12H",
  ];
  const stamp = utcStamp(facts.now);
  for (const day of days) {
    const start = instantOf(day, facts.remindAt, facts.timeZone);
    lines.push(
      "BEGIN:VEVENT",
      `UID:${facts.patientId}-${day}@${host}`,
      `DTSTAMP:${stamp}`,
      `DTSTART:${utcStamp(start)}`,
      `DURATION:PT${SESSION_MINUTES}M`,
      `SUMMARY:${text("Home exercises")}`,
      `DESCRIPTION:${text(`Time for your exercises from ${facts.clinicName}. Open your plan on your phone: ${planUrl}`)}`,
      `URL:${planUrl}`,
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${text("Time for your exercises")}`,
      "TRIGGER:PT0M",
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(fold).join("\r\n")}\r\n`;
}

/**
 * The calendar behind a feed token, or null: an unknown token, a revoked or expired link, a
 * discharged patient and another clinic's row all answer alike. The token is looked up by its
 * hash (the system path), then everything else is read in the patient's clinic.
 */
export async function readCalendarFeed(options: {
  system: SystemData;
  token: string;
  appUrl: string;
  now?: Date;
}): Promise<string | null> {
  const { system, token } = options;
  const now = options.now ?? new Date();
  if (!looksLikeLinkToken(token)) return null;
  const [feed] = await system.read((db) =>
    db
      .select({
        clinicId: calendarFeeds.clinicId,
        patientId: calendarFeeds.patientId,
        linkId: calendarFeeds.linkId,
      })
      .from(calendarFeeds)
      .where(eq(calendarFeeds.tokenHash, hashLinkToken(token)))
      .limit(1),
  );
  if (!feed) return null;
  const data = system.forPatient(feed.clinicId, feed.patientId);
  const facts = await data.read(async (db) => {
    const [row] = await db
      .select({
        status: patients.status,
        timeZone: patients.timeZone,
        revokedAt: patientLinks.revokedAt,
        expiresAt: patientLinks.expiresAt,
        remindAt: reminderSettings.remindAt,
        weekdays: reminderSettings.weekdays,
      })
      .from(patientLinks)
      .innerJoin(
        patients,
        and(eq(patients.id, patientLinks.patientId), eq(patients.clinicId, patientLinks.clinicId)),
      )
      .leftJoin(
        reminderSettings,
        and(
          eq(reminderSettings.patientId, patients.id),
          eq(reminderSettings.clinicId, patients.clinicId),
        ),
      )
      .where(
        data.mine(
          patientLinks,
          eq(patientLinks.id, feed.linkId),
          eq(patientLinks.patientId, feed.patientId),
        ),
      )
      .limit(1);
    if (!row || row.status !== "active" || row.revokedAt || row.expiresAt <= now) return null;
    const program = await getCurrentProgram({
      db,
      clinicId: data.clinicId,
      patientId: feed.patientId,
    });
    const clinic = await readClinicContact(db, data.clinicId);
    return {
      timeZone: row.timeZone,
      remindAt: row.remindAt ?? DEFAULT_SETTINGS.remindAt,
      weekdays: row.weekdays ?? DEFAULT_SETTINGS.weekdays,
      programStartDay: program ? dayInZone(program.version.effectiveFrom, row.timeZone) : null,
      hasProgram: (program?.items.length ?? 0) > 0,
      clinicName: clinic?.name ?? "your clinic",
    };
  });
  if (!facts) return null;
  return renderCalendar({
    patientId: feed.patientId,
    clinicName: facts.clinicName,
    timeZone: facts.timeZone,
    remindAt: facts.remindAt,
    // Without a program there are no sessions: an empty calendar, not an error.
    weekdays: facts.hasProgram ? facts.weekdays : 0,
    programStartDay: facts.programStartDay,
    appUrl: options.appUrl,
    now,
  });
}
