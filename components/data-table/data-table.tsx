"use client";

import {
  flexRender,
  getCoreRowModel,
  useReactTable,
  type ColumnDef,
  type SortingState,
} from "@tanstack/react-table";
import { cn } from "@/lib/utils";

/**
 * A table whose rows are sorted, filtered and paged on the server: TanStack Table renders the
 * headers and cells, and a click on a sortable header asks the page for another order. Sortable
 * headers are buttons with `aria-sort` on their cell, so the order is announced, not only drawn.
 */
export function DataTable<Row>(props: {
  caption: string;
  columns: ColumnDef<Row, unknown>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  sorting: SortingState;
  onSort: (columnId: string) => void;
  busy?: boolean;
  onRowClick?: (row: Row) => void;
  /** Keep the first column (who the row is) in view while a narrow screen scrolls sideways. */
  stickyFirstColumn?: boolean;
}) {
  // The table is rebuilt from props on every render and nothing memoised reads it, which is the
  // case this rule warns about but cannot see.
  // eslint-disable-next-line react-hooks/incompatible-library
  const table = useReactTable({
    data: props.rows,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: props.rowKey,
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    state: { sorting: props.sorting },
  });
  const sortOf = (id: string) => props.sorting.find((s) => s.id === id);
  // Opaque backgrounds, or the scrolled cells would show through the pinned one.
  const sticky = (index: number) =>
    props.stickyFirstColumn && index === 0
      ? "sticky left-0 z-[1] shadow-[1px_0_0_0_var(--color-border)]"
      : undefined;

  return (
    // `relative`: visually hidden text in a cell is absolutely positioned; without a positioned
    // scroll box it escapes the box and widens the whole page on a phone.
    <div
      className="relative w-full overflow-x-auto rounded-lg border border-border bg-background"
      role="region"
      aria-label={props.caption}
      tabIndex={0}
    >
      <table
        className={cn(
          "w-full border-collapse text-sm transition-opacity",
          props.busy && "opacity-60",
        )}
        aria-busy={props.busy || undefined}
      >
        <caption className="sr-only">{props.caption}</caption>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header, index) => {
                const sort = sortOf(header.column.id);
                // Sorting happens on the server, so any column may sort unless it opts out.
                const canSort = header.column.columnDef.enableSorting !== false;
                const label = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    scope="col"
                    aria-sort={
                      sort ? (sort.desc ? "descending" : "ascending") : canSort ? "none" : undefined
                    }
                    className={cn(
                      "whitespace-nowrap bg-muted px-2 py-2 text-left font-semibold",
                      sticky(index),
                    )}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        onClick={() => props.onSort(header.column.id)}
                        className="inline-flex items-center gap-1 rounded hover:underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-primary"
                      >
                        {label}
                        <span aria-hidden="true" className="text-muted-foreground">
                          {sort ? (sort.desc ? "↓" : "↑") : "↕"}
                        </span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr
              key={row.id}
              onClick={
                props.onRowClick
                  ? (event) => {
                      // Links and buttons inside the row keep their own meaning.
                      if ((event.target as HTMLElement).closest("a,button")) return;
                      props.onRowClick?.(row.original);
                    }
                  : undefined
              }
              className={cn("group", props.onRowClick && "cursor-pointer hover:bg-muted")}
            >
              {row.getVisibleCells().map((cell, index) => (
                <td
                  key={cell.id}
                  className={cn(
                    "border-t border-border px-2 py-2 align-top",
                    sticky(index) && [
                      sticky(index),
                      "bg-background",
                      props.onRowClick && "group-hover:bg-muted",
                    ],
                  )}
                >
                  {flexRender(cell.column.columnDef.cell, cell.getContext())}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
