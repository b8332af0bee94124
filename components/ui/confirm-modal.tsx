"use client";

import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useCallback, useRef, useState } from "react";
import { Modal, ModalTitle } from "@/components/ui/modal";

// Tabler's white-on-yellow and white-on-red buttons miss WCAG AA (2.0:1, 4.5:1):
// dark text on the warning button, the darker red under the danger one.
type Tone = "danger" | "warning" | "success";

const CONTRAST: Record<Tone, React.CSSProperties> = {
  warning: { "--tblr-btn-variant-fg": "var(--tblr-dark)" } as React.CSSProperties,
  danger: { "--tblr-btn-variant": "var(--tblr-danger-darken)" } as React.CSSProperties,
  success: { "--tblr-btn-variant-fg": "var(--tblr-dark)" } as React.CSSProperties,
};

type Props = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  tone: Tone;
  title: string;
  children: React.ReactNode;
  confirmLabel: string;
  busy?: boolean;
  /** A failure to show inside the dialog (kept open so the admin can read it). */
  error?: string | null;
  testId?: string;
};

/**
 * Tabler's status modal ("Deactivate User?", "Delete User?"): coloured top
 * bar, centred icon and question, Cancel and the action. Focus starts on
 * Cancel so an accidental Enter does not destroy anything.
 */
export function ConfirmModal({ open, onClose, onConfirm, tone, title, children, confirmLabel, busy, error, testId }: Props) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  const Icon = tone === "success" ? IconCircleCheck : IconAlertTriangle;
  return (
    <Modal
      open={open}
      onClose={busy ? () => undefined : onClose}
      size="sm"
      status={tone}
      initialFocus={cancelRef}
      testId={testId}
      footer={
        <div className="w-100">
          <div className="row">
            <div className="col">
              <button type="button" className="btn w-100" onClick={onClose} ref={cancelRef} disabled={busy}>
                Cancel
              </button>
            </div>
            <div className="col">
              <button type="button" className={`btn btn-${tone} w-100`} style={CONTRAST[tone]} onClick={onConfirm} disabled={busy}>
                {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden />}
                {confirmLabel}
              </button>
            </div>
          </div>
        </div>
      }
    >
      <div className="modal-body text-center py-4">
        <Icon className={`icon mb-2 text-${tone} icon-lg`} size={48} aria-hidden />
        <ModalTitle asChild>
          <h3>{title}</h3>
        </ModalTitle>
        <div className="text-secondary">{children}</div>
        {error && (
          <div className="alert alert-danger mt-3 mb-0 text-start" role="alert">
            {error}
          </div>
        )}
      </div>
    </Modal>
  );
}

/** How one kind of confirmation looks, and what it says about what it is asked for. */
export type Confirmation<D> = { tone: Tone; title: string; confirmLabel: string; testId: string; body: (dialog: D) => React.ReactNode };

/** A screen's confirmations by kind, each given the dialog of its own kind. */
export type Confirmations<D extends { kind: string }> = { [K in D["kind"]]: Confirmation<D & { kind: K }> };

export type ConfirmState<D> = {
  /** The confirmation asked for, or null. */
  dialog: D | null;
  /** Its request is running (Cancel, Escape and the action are off meanwhile). */
  busy: boolean;
  /** Why the last attempt failed, shown in the dialog. */
  error: string | null;
  open: (dialog: D) => void;
  close: () => void;
  setBusy: (busy: boolean) => void;
  setError: (error: string | null) => void;
};

/** The state of a screen's confirmation dialogs: which one is open, its request, its failure. */
export function useConfirmations<D extends { kind: string }>(): ConfirmState<D> {
  const [dialog, setDialog] = useState<D | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const open = useCallback((d: D) => {
    setError(null);
    setDialog(d);
  }, []);
  const close = useCallback(() => setDialog(null), []);
  return { dialog, busy, error, open, close, setBusy, setError };
}

/** One ConfirmModal per kind of `confirmations`; the one `state.dialog` names is open. */
export function ConfirmDialogs<D extends { kind: string }>({ confirmations, state, onConfirm }: { confirmations: Confirmations<D>; state: ConfirmState<D>; onConfirm: () => void }) {
  const { dialog } = state;
  const kinds = Object.keys(confirmations) as D["kind"][];
  return kinds.map((kind) => {
    const c = confirmations[kind] as unknown as Confirmation<D>;
    return (
      <ConfirmModal key={kind} open={dialog?.kind === kind} onClose={state.close} onConfirm={onConfirm} tone={c.tone} title={c.title} confirmLabel={c.confirmLabel} busy={state.busy} error={state.error} testId={c.testId}>
        {dialog?.kind === kind && c.body(dialog)}
      </ConfirmModal>
    );
  });
}
