"use client";

import { IconDeviceDesktop, IconKey } from "@tabler/icons-react";
import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { endOtherSessionsAction, endSessionAction } from "@/app/admin/(console)/account/actions";
import { ConfirmDialogs, useConfirmations, type Confirmations } from "@/components/ui/confirm-modal";
import { RelativeTime } from "@/components/ui/relative-time";
import { callAction } from "@/lib/client/call-action";
import { formatDateTime } from "@/lib/format-date";
import type { SessionDto } from "./types";

type Confirm = { kind: "one"; session: SessionDto } | { kind: "others"; count: number };

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

const CONFIRMATIONS: Confirmations<Confirm> = {
  one: {
    tone: "danger",
    title: "Sign out this session?",
    confirmLabel: "Sign out",
    testId: "end-session-modal",
    body: ({ session }) => (
      <>
        <strong>{session.browser}</strong> (IP {session.ip_address ?? "unknown"}, signed in {formatDateTime(session.created_at)}) will have to sign in again.
        {session.kind === "api" && " Scripts using this API token will stop working."}
      </>
    ),
  },
  others: {
    tone: "danger",
    title: "Sign out everywhere else?",
    confirmLabel: "Sign out all",
    testId: "end-others-modal",
    body: ({ count }) => `${plural(count, "other session or API token", "other sessions and API tokens")} will end. This session stays signed in.`,
  },
};

/**
 * My account's live sessions and API tokens, newest first: where each one
 * is (browser, IP), when it began and was last used, and "Sign out" for
 * every one but this; "Sign out everywhere else" ends all the others.
 */
export function SessionList({ sessions }: { sessions: SessionDto[] }) {
  const router = useRouter();
  const confirm = useConfirmations<Confirm>();
  const others = sessions.filter((s) => !s.current);

  async function onConfirm() {
    const { dialog } = confirm;
    if (!dialog) return;
    confirm.setBusy(true);
    confirm.setError(null);
    const r = dialog.kind === "one" ? await callAction(endSessionAction, dialog.session.id) : await callAction(endOtherSessionsAction);
    confirm.setBusy(false);
    // Already ended elsewhere (another tab, an admin): the list is stale, not wrong.
    if (!r.ok && r.code !== "not_found") return confirm.setError(r.message);
    confirm.close();
    if (!r.ok) toast.info(r.message);
    else if ("count" in r.data) toast.success(r.data.count ? `Signed out ${plural(r.data.count, "other session", "other sessions")}` : "No other session was signed in");
    else toast.success("Session signed out");
    router.refresh();
  }

  return (
    <div className="card" data-testid="sessions">
      <div className="card-header flex-wrap gap-2">
        <div>
          <h2 className="card-title">Sessions and API tokens</h2>
          <p className="card-subtitle mb-0">Where your account is signed in now. Sign out anything you do not recognise.</p>
        </div>
        <div className="card-actions">
          <button type="button" className="btn" onClick={() => confirm.open({ kind: "others", count: others.length })} disabled={others.length === 0}>
            Sign out everywhere else
          </button>
        </div>
      </div>
      <ul className="list-group list-group-flush" aria-label="Sessions and API tokens">
        {sessions.map((s) => (
          <li key={s.id} className="list-group-item" data-testid="session-row" data-session-id={s.id} data-current={s.current || undefined}>
            <div className="row align-items-center g-2">
              <div className="col-auto">
                <span className="avatar avatar-sm" aria-hidden>
                  {s.kind === "api" ? <IconKey size={18} /> : <IconDeviceDesktop size={18} />}
                </span>
              </div>
              <div className="col text-truncate" style={{ minWidth: "12rem" }}>
                <div className="fw-medium text-wrap" title={s.user_agent ?? undefined}>
                  {s.browser}
                  {s.current && <span className="badge bg-success text-dark ms-2">This session</span>}
                </div>
                <div className="text-secondary small text-wrap">
                  <span>IP {s.ip_address ?? "unknown"}</span>
                  <span aria-hidden> · </span>
                  <span title={formatDateTime(s.created_at)}>Signed in {formatDateTime(s.created_at)}</span>
                  <span aria-hidden> · </span>
                  <span>
                    Last used <RelativeTime iso={s.last_used_at} empty="not yet" />
                  </span>
                </div>
              </div>
              {!s.current && (
                <div className="col-12 col-sm-auto">
                  <button type="button" className="btn btn-sm btn-ghost-danger" onClick={() => confirm.open({ kind: "one", session: s })} aria-label={`Sign out ${s.browser}, signed in ${formatDateTime(s.created_at)}`}>
                    Sign out
                  </button>
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmDialogs confirmations={CONFIRMATIONS} state={confirm} onConfirm={onConfirm} />
    </div>
  );
}
