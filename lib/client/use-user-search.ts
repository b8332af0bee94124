"use client";

import { useEffect, useState } from "react";
import { searchUsersAction } from "@/app/admin/(console)/actions";
import type { UserHit } from "@/lib/server/users/search-users";
import { callAction } from "./call-action";

export type UserSearch = { q: string; state: "idle" | "loading" | "done" | "error"; hits: UserHit[]; message?: string };

/**
 * Users matching `q` as someone types it (the command palette, the Activity
 * Log's User filter): the server is asked once typing pauses for `delayMs`,
 * and only the answer to the latest query is kept. Until it arrives, the
 * previous answer shows as loading; `enabled` false (or an empty q) is idle.
 * The loading state is derived, not stored, so nothing is set synchronously
 * in the effect.
 */
export function useUserSearch(q: string, enabled: boolean, { limit, delayMs = 200 }: { limit?: number; delayMs?: number } = {}): UserSearch {
  const [answer, setAnswer] = useState<UserSearch>({ q: "", state: "idle", hits: [] });
  const active = enabled && q !== "";

  useEffect(() => {
    if (!active) return;
    let stale = false;
    const t = setTimeout(async () => {
      const r = await callAction(searchUsersAction, { q, ...(limit && { limit }) });
      if (stale) return;
      setAnswer(r.ok ? { q, state: "done", hits: r.data.items } : { q, state: "error", hits: [], message: r.message });
    }, delayMs);
    return () => {
      stale = true;
      clearTimeout(t);
    };
  }, [q, active, limit, delayMs]);

  if (!active) return { q, state: "idle", hits: [] };
  return answer.q === q ? answer : { ...answer, q, state: "loading" };
}
