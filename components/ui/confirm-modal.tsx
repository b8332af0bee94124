"use client";

import { IconAlertTriangle, IconCircleCheck } from "@tabler/icons-react";
import { useRef } from "react";
import { Modal, ModalTitle } from "@/components/ui/modal";

// Tabler's white-on-yellow and white-on-red buttons miss WCAG AA (2.0:1, 4.5:1):
// dark text on the warning button, the darker red under the danger one.
const CONTRAST: Record<Props["tone"], React.CSSProperties> = {
  warning: { "--tblr-btn-variant-fg": "var(--tblr-dark)" } as React.CSSProperties,
  danger: { "--tblr-btn-variant": "var(--tblr-danger-darken)" } as React.CSSProperties,
  success: { "--tblr-btn-variant-fg": "var(--tblr-dark)" } as React.CSSProperties,
};

type Props = {
  open: boolean;
  onClose: () => void;
  onConfirm: () => void;
  tone: "danger" | "warning" | "success";
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
