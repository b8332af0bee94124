"use client";

import { IconDeviceDesktop, IconKey } from "@tabler/icons-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { endOtherSessionsAction, endSessionAction } from "@/app/admin/(console)/account/actions";
import { ConfirmModal } from "@/components/ui/confirm-modal";
import { RelativeTime } from "@/components/ui/relative-time";
import { formatDateTime } from "@/lib/format-date";
import type { SessionDto } from "./types";

type Dialog = { kind: "one"; session: SessionDto } | { kind: "others" } | null;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * My account's live sessions and API tokens, newest first: where each one
 * is (browser, IP), when it began and was last used, and "Sign out" for
 * every one but this; "Sign out everywhere else" ends all the others.
 */
export function SessionList({ sessions }: { sessions: SessionDto[] }) {
  const router = useRouter();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const others = sessions.filter((s) => !s.current);

  const open = (d: NonNullable<Dialog>) => {
    setError(null);
    setDialog(d);
  };

  async function confirm() {
    if (!dialog) return;
    setBusy(true);
    setError(null);
    const r = dialog.kind === "one" ? await endSessionAction(dialog.session.id) : await endOtherSessionsAction();
    setBusy(false);
    // Already ended elsewhere (another tab, an admin): the list is stale, not wrong.
    if (!r.ok && r.code !== "not_found") return setError(r.message);
    setDialog(null);
    if (!r.ok) toast.info(r.message);
    else if ("count" in r.data) toast.success(r.data.count ? `Signed out ${plural(r.data.count, "other session", "other sessions")}` : "No other session was signed in");
    else toast.success("Session signed out");
    router.refresh();
  }

  const target = dialog?.kind === "one" ? dialog.session : null;
  return (
    <div className="card" data-testid="sessions">
      <div className="card-header flex-wrap gap-2">
        <div>
          <h2 className="card-title">Sessions and API tokens</h2>
          <p className="card-subtitle mb-0">Where your account is signed in now. Sign out anything you do not recognise.</p>
        </div>
        <div className="card-actions">
          <button type="button" className="btn" onClick={() => open({ kind: "others" })} disabled={others.length === 0}>
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
                  <button type="button" className="btn btn-sm btn-ghost-danger" onClick={() => open({ kind: "one", session: s })} aria-label={`Sign out ${s.browser}, signed in ${formatDateTime(s.created_at)}`}>
                    Sign out
                  </button>
                </div>
              )}
            </div>
          </li>
        ))}
      </ul>
      <ConfirmModal
        open={dialog?.kind === "one"}
        onClose={() => setDialog(null)}
        onConfirm={confirm}
        tone="danger"
        title="Sign out this session?"
        confirmLabel="Sign out"
        busy={busy}
        error={error}
        testId="end-session-modal"
      >
        {target && (
          <>
            <strong>{target.browser}</strong> (IP {target.ip_address ?? "unknown"}, signed in {formatDateTime(target.created_at)}) will have to sign in again.
            {target.kind === "api" && " Scripts using this API token will stop working."}
          </>
        )}
      </ConfirmModal>
      <ConfirmModal
        open={dialog?.kind === "others"}
        onClose={() => setDialog(null)}
        onConfirm={confirm}
        tone="danger"
        title="Sign out everywhere else?"
        confirmLabel="Sign out all"
        busy={busy}
        error={error}
        testId="end-others-modal"
      >
        {plural(others.length, "other session or API token", "other sessions and API tokens")} will end. This session stays signed in.
      </ConfirmModal>
    </div>
  );
}
