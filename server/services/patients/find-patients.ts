import { asc, count, desc, eq, sql, type SQL } from "drizzle-orm";
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

/**
 * `column` contains `search`, ignoring case, with % and _ taken literally. PostgreSQL's LIKE is
 * case-sensitive and SQLite's is not, so both sides go through the engine's own lower(); the escape
 * character is named because SQLite's LIKE has none by default.
 */
function contains(column: typeof patients.displayName, search: string): SQL {
  const pattern = `%${search.replace(/[%_\\]/g, "\\$&")}%`;
  return sql`lower(${column}) like lower(${pattern}) escape '\\'`;
}

/** The clinic's caseload, one page at a time, sorted and filtered in SQL. */
export async function findPatients(options: { scope: ClinicScope; input: FindPatientsInput }) {
  const { scope, input } = options;
  const { data } = scope;
  const where: SQL[] = [];
  if (input.filters.mine) where.push(eq(patients.primaryClinicianId, scope.userId));
  if (input.filters.status !== "all") where.push(eq(patients.status, input.filters.status));
  const search = input.filters.search?.trim();
  if (search) where.push(contains(patients.displayName, search));
  const condition = data.mine(patients, ...where);
  const column = SORT_COLUMNS[input.sort.id];
  const { rows, total } = await data.read(async (db) => {
    const rows = await db
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
      .offset((input.page - 1) * input.pageSize);
    const [counted] = await db.select({ n: count() }).from(patients).where(condition);
    return { rows, total: counted?.n ?? 0 };
  });
  return { rows, total, page: input.page, pageSize: input.pageSize };
}
