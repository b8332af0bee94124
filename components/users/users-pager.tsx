"use client";

import { IconChevronLeft, IconChevronRight } from "@tabler/icons-react";
import type { QueryPatch } from "@/lib/client/use-url-query";
import type { UserPage } from "./types";

/**
 * Keyset paging: Previous and Next carry the boundary row's cursor, so pages
 * stay stable while users are added, and the total says how many match.
 */
export function UsersPager({ page, pending, onPage }: { page: UserPage; pending: boolean; onPage: (patch: QueryPatch) => void }) {
  const { total, next_cursor, prev_cursor } = page;
  const shown = page.items.length;
  // Keyset pages know how many they hold and how many match, not an offset.
  const summary = shown >= total ? (total === 1 ? "Showing 1 user" : `Showing all ${total.toLocaleString("en-US")} users`) : `Showing ${shown.toLocaleString("en-US")} of ${total.toLocaleString("en-US")} users, newest first`;
  return (
    <div className="card-footer d-flex flex-wrap gap-2 align-items-center">
      <p className="m-0 text-secondary" data-testid="users-total" aria-live="polite">
        {summary}
        {pending && <span className="spinner-border spinner-border-sm ms-2 align-middle" role="status" aria-label="Loading" />}
      </p>
      <nav className="ms-auto" aria-label="Users pages">
        <ul className="pagination m-0">
          <li className={`page-item${prev_cursor ? "" : " disabled"}`}>
            <button type="button" className="page-link" disabled={!prev_cursor || pending} onClick={() => onPage({ before: prev_cursor, after: null })}>
              <IconChevronLeft size={16} aria-hidden />
              Previous
            </button>
          </li>
          <li className={`page-item${next_cursor ? "" : " disabled"}`}>
            <button type="button" className="page-link" disabled={!next_cursor || pending} onClick={() => onPage({ after: next_cursor, before: null })}>
              Next
              <IconChevronRight size={16} aria-hidden />
            </button>
          </li>
        </ul>
      </nav>
    </div>
  );
}
