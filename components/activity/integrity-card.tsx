"use client";

import { IconAlertTriangle, IconShieldCheck, IconShieldQuestion } from "@tabler/icons-react";
import { useCallback, useEffect, useRef, useState } from "react";
import { activityIntegrityAction, verifyActivityAction } from "@/app/admin/(console)/activity/actions";
import { RelativeTime } from "@/components/ui/relative-time";
import { callAction } from "@/lib/client/call-action";
import type { Integrity, VerificationRun } from "@/lib/server/activity/chain/integrity";

const POLL_MS = 1000;
const n = (x: number) => x.toLocaleString("en");

/**
 * The activity page's integrity indicator: when the chain was last verified,
 * how many rows, and the result (intact, or the first bad row named). "Verify
 * now" starts a verification in the server's background; while it runs the
 * card shows its progress, polling once a second, and the result when it ends.
 */
export function IntegrityCard({ initial }: { initial: Integrity }) {
  const [state, setState] = useState<Integrity>(initial);
  const [error, setError] = useState<string | null>(null);
  const [starting, setStarting] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const poll = useCallback(async () => {
    const r = await callAction(activityIntegrityAction);
    if (r.ok) {
      setState(r.data);
      setError(null);
    } else setError(r.message);
  }, []);

  const running = state.running;
  useEffect(() => {
    if (!running) return;
    timer.current = setTimeout(() => void poll(), POLL_MS);
    return () => {
      if (timer.current) clearTimeout(timer.current);
    };
  }, [running, poll, state]);

  const verify = async () => {
    setStarting(true);
    const r = await callAction(verifyActivityAction);
    setStarting(false);
    if (r.ok) {
      setState(r.data);
      setError(null);
    } else setError(r.message);
  };

  const last = state.last;
  return (
    <div className="card mb-3" data-testid="integrity-card" aria-labelledby="integrity-title">
      <div className="card-header">
        <h2 className="card-title" id="integrity-title">
          Integrity
        </h2>
        <div className="card-actions">
          <button type="button" className="btn btn-sm" onClick={verify} disabled={Boolean(running) || starting} aria-describedby="integrity-result">
            {running || starting ? <span className="spinner-border spinner-border-sm me-1" aria-hidden /> : <IconShieldCheck size={16} className="me-1" aria-hidden />}
            {running ? "Verifying…" : "Verify now"}
          </button>
        </div>
      </div>
      <div className="card-body">
        <p className="text-secondary small mb-3">
          Every activity row is chained to the one before it by a SHA-256 hash. Verifying walks the whole chain and names the first row that was altered,
          inserted, removed or moved since it was written.
        </p>
        <div id="integrity-result" role="status" aria-live="polite">
          {running ? <Progress run={running} /> : null}
          {last ? <Result run={last} /> : !running ? <p className="m-0 text-secondary">Not verified yet.</p> : null}
        </div>
        {error ? (
          <div className="alert alert-danger mt-3 mb-0" role="alert">
            {error}
          </div>
        ) : null}
      </div>
    </div>
  );
}

function Progress({ run }: { run: VerificationRun }) {
  const pct = run.rows_total ? Math.min(100, Math.floor((run.rows_verified / run.rows_total) * 100)) : 0;
  return (
    <div className="mb-3" data-testid="integrity-progress">
      <div className="d-flex justify-content-between small mb-1">
        <span>Verifying the chain…</span>
        <span>
          {n(run.rows_verified)} / {n(run.rows_total)} rows
        </span>
      </div>
      <div
        className="progress"
        role="progressbar"
        aria-label="Verification progress"
        aria-valuenow={pct}
        aria-valuemin={0}
        aria-valuemax={100}
      >
        <div className="progress-bar" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

function Result({ run }: { run: VerificationRun }) {
  const by = run.started_by.username ? ` by ${run.started_by.username}` : "";
  const when = (
    <>
      Last verified <RelativeTime iso={run.finished_at ?? run.started_at} />
      {by}
    </>
  );
  if (run.status === "ok") {
    return (
      <div className="d-flex align-items-start gap-2" data-testid="integrity-result" data-status="ok">
        <span className="badge bg-success-lt flex-shrink-0">Intact</span>
        <div>
          <div>
            {n(run.rows_verified)} row{run.rows_verified === 1 ? "" : "s"} verified: every row matches its hash and its place in the chain.
          </div>
          <div className="small text-secondary">
            {when}
            {run.head ? (
              <>
                {" "}
                · head place {n(run.head.seq)}, hash <code className="text-break">{run.head.hash}</code>
              </>
            ) : null}
          </div>
        </div>
      </div>
    );
  }
  if (run.status === "failed") {
    return (
      <div className="alert alert-danger m-0" data-testid="integrity-result" data-status="failed">
        <div className="d-flex gap-2">
          <IconAlertTriangle size={20} aria-hidden className="flex-shrink-0" />
          <div>
            <div className="fw-bold">The activity log was tampered with</div>
            <div>{run.problem?.message}</div>
            <div className="small mt-1">
              {n(run.rows_verified)} row{run.rows_verified === 1 ? "" : "s"} verified before it. {when}
            </div>
          </div>
        </div>
      </div>
    );
  }
  return (
    <div className="d-flex align-items-start gap-2" data-testid="integrity-result" data-status={run.status}>
      <IconShieldQuestion size={20} aria-hidden className="text-warning flex-shrink-0" />
      <div>
        <div>{run.status === "interrupted" ? "The last verification did not finish: the server stopped." : (run.error ?? "The last verification could not check the chain.")}</div>
        <div className="small text-secondary">
          Started <RelativeTime iso={run.started_at} />
          {by}. Verify again.
        </div>
      </div>
    </div>
  );
}
