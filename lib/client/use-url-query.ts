"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useTransition } from "react";

export type QueryPatch = Record<string, string | null | undefined>;

/**
 * The list pages keep their filters and cursor in the URL, so a filtered
 * view is bookmarkable and Back restores it. Every change is a history entry
 * (router.push); `pending` is true until the server has rendered the result.
 */
const CURSOR_KEYS = ["after", "before"];

export function useUrlQuery() {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const [pending, startTransition] = useTransition();

  const update = useCallback(
    (patch: QueryPatch, { keepCursor = false }: { keepCursor?: boolean } = {}) => {
      const next = new URLSearchParams(params.toString());
      // A changed filter makes the old cursor meaningless: back to page one.
      if (!keepCursor) for (const k of CURSOR_KEYS) next.delete(k);
      for (const [k, v] of Object.entries(patch)) {
        if (v === null || v === undefined || v === "") next.delete(k);
        else next.set(k, v);
      }
      const qs = next.toString();
      if (qs === params.toString()) return;
      startTransition(() => router.push(qs ? `${pathname}?${qs}` : pathname, { scroll: false }));
    },
    [params, pathname, router],
  );

  return { params, update, pending };
}
