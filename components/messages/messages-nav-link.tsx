"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { MessageSquare } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/components/trpc/client";
import type { RouterOutputs } from "@/components/trpc/types";

export type UnreadCounts = RouterOutputs["messages"]["unreadCounts"];

/** "Messages, 3 unread from 2 patients, 1 of yours": the words the link shows, and more. */
export function messagesLinkLabel(counts: UnreadCounts): string {
  if (counts.messages === 0) return "Messages, none unread";
  const from = counts.patients === 1 ? "1 patient" : `${counts.patients} patients`;
  const mine = counts.minePatients > 0 ? `, ${counts.minePatients} of them yours` : "";
  return `Messages, ${counts.messages} unread from ${from}${mine}`;
}

/**
 * The menu's link to the messages waiting to be read, with the count in words. Like the alerts
 * link: the server's count first, fetched again on each move to another page (no timer, so the
 * idle session can still run out), and replaced by a newer server render.
 */
export function MessagesNavLink({
  initial,
  renderedAt,
}: {
  initial: UnreadCounts;
  renderedAt: number;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const options = trpc.messages.unreadCounts.queryOptions();
  const { data } = useQuery({ ...options, initialData: initial, initialDataUpdatedAt: renderedAt });

  useEffect(() => {
    const state = queryClient.getQueryState(options.queryKey);
    if (!state || state.dataUpdatedAt < renderedAt) {
      queryClient.setQueryData(options.queryKey, initial, { updatedAt: renderedAt });
    }
  }, [initial, renderedAt, queryClient, options.queryKey]);

  const pathname = usePathname();
  const firstPath = useRef(pathname);
  useEffect(() => {
    if (pathname === firstPath.current) return;
    firstPath.current = pathname;
    void queryClient.invalidateQueries({ queryKey: options.queryKey });
  }, [pathname, queryClient, options.queryKey]);

  return (
    <Link href="/messages" aria-label={messagesLinkLabel(data)} className="font-medium">
      Messages{" "}
      {data.messages > 0 ? (
        <span className="inline-flex items-center gap-1 rounded-full bg-primary px-2 align-middle text-xs font-semibold text-primary-foreground">
          <MessageSquare aria-hidden="true" className="size-3" strokeWidth={2.5} />
          {data.messages} unread
        </span>
      ) : null}
    </Link>
  );
}
