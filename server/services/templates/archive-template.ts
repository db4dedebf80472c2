import { eq } from "drizzle-orm";
import { programTemplates } from "@/db/schema";
import type { ClinicScope } from "../scope";
import { auditTemplateChange, requireClinicTemplate } from "./template-rows";

/**
 * Archives or brings back a clinic template. Archived templates leave the default list and the
 * program builder's choices but stay readable. Asking for the state it already has changes nothing
 * and records nothing.
 */
function setArchived(options: { scope: ClinicScope; templateId: string; archived: boolean }) {
  const { scope, archived } = options;
  const { data } = scope;
  // Serializable: "already in that state, record nothing" is decided on what was read.
  return data.write(
    async (tx) => {
      const template = await requireClinicTemplate(tx, scope, options.templateId);
      if ((template.archivedAt !== null) === archived) {
        return { id: template.id, archivedAt: template.archivedAt };
      }
      const archivedAt = archived ? new Date() : null;
      await tx
        .update(programTemplates)
        .set({ archivedAt })
        .where(data.mine(programTemplates, eq(programTemplates.id, template.id)));
      await auditTemplateChange(tx, scope, {
        action: archived ? "archive" : "unarchive",
        templateId: template.id,
        before: { archivedAt: template.archivedAt?.toISOString() ?? null },
        after: { archivedAt: archivedAt?.toISOString() ?? null },
        ...(archivedAt ? { at: archivedAt } : {}),
      });
      return { id: template.id, archivedAt };
    },
    { isolation: "serializable" },
  );
}

export function archiveTemplate(options: { scope: ClinicScope; templateId: string }) {
  return setArchived({ ...options, archived: true });
}

export function unarchiveTemplate(options: { scope: ClinicScope; templateId: string }) {
  return setArchived({ ...options, archived: false });
}
