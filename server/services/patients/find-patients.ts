import { and, asc, count, desc, eq, like, type SQL } from "drizzle-orm";
import { patients, users } from "@/db/schema";
import type { ClinicScope } from "../scope";

export interface FindPatientsInput {
  page: number;
  pageSize: number;
  sort: { id: "name" | "condition" | "createdAt"; desc: boolean };
  filters: { mine: boolean; search?: string | undefined; status: "active" | "discharged" | "all" };
}

const SORT_COLUMNS = {
  name: patients.displayName,
  condition: patients.condition,
  createdAt: patients.createdAt,
} as const;

/** The clinic's caseload, one page at a time, sorted and filtered in SQL. */
export function findPatients(options: { scope: ClinicScope; input: FindPatientsInput }) {
  const { scope, input } = options;
  const where: SQL[] = [eq(patients.clinicId, scope.clinicId)];
  if (input.filters.mine) where.push(eq(patients.primaryClinicianId, scope.userId));
  if (input.filters.status !== "all") where.push(eq(patients.status, input.filters.status));
  const search = input.filters.search?.trim();
  if (search) where.push(like(patients.displayName, `%${search.replace(/[%_\\]/g, "\\$&")}%`));
  const condition = and(...where);
  const column = SORT_COLUMNS[input.sort.id];
  const rows = scope.db
    .select({
      id: patients.id,
      displayName: patients.displayName,
      condition: patients.condition,
      affectedSide: patients.affectedSide,
      status: patients.status,
      yearOfBirth: patients.yearOfBirth,
      primaryClinicianId: patients.primaryClinicianId,
      primaryClinicianName: users.name,
    })
    .from(patients)
    .innerJoin(users, eq(users.id, patients.primaryClinicianId))
    .where(condition)
    .orderBy(input.sort.desc ? desc(column) : asc(column), asc(patients.id))
    .limit(input.pageSize)
    .offset((input.page - 1) * input.pageSize)
    .all();
  const total = scope.db.select({ n: count() }).from(patients).where(condition).get()?.n ?? 0;
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
