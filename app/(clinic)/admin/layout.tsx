import type { ReactNode } from "react";
import { requireAdminPage } from "@/server/page-auth";
import { AuditWarning } from "./audit-warning";

/** Every admin page: admins only, with the audit trail's warning first when its check failed. */
export default async function AdminLayout({ children }: { children: ReactNode }) {
  const { api } = await requireAdminPage();
  const audit = await api.clinic.auditStatus();
  return (
    <div className="space-y-6">
      <AuditWarning status={audit} />
      {children}
    </div>
  );
}
