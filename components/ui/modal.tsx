"use client";

import * as Dialog from "@radix-ui/react-dialog";
import { useEffect, useRef } from "react";
import { countOpenDialog } from "@/lib/client/open-dialogs";

// Dialogs come from Radix (@radix-ui/react-dialog): focus trap and return,
// Escape and outside click closing the top dialog only when several are
// stacked, the page behind hidden from assistive technology and its scroll
// locked. This file gives them Tabler's markup.

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

type Props = {
  open: boolean;
  onClose: () => void;
  title?: React.ReactNode;
  /** Tabler size: sm | lg | "" */
  size?: "sm" | "lg";
  /** For status modals (Deactivate? Delete?) that have no header. */
  status?: "danger" | "warning" | "success";
  children: React.ReactNode;
  footer?: React.ReactNode;
  /** Element to focus first (default: the first focusable of the body, not the header's close button). */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** Wrap body and footer in a form (for Enter-to-submit and Ctrl+S). */
  onSubmit?: (e: React.FormEvent<HTMLFormElement>) => void;
  formId?: string;
  testId?: string;
  /**
   * Accessible name when there is no title. A dialog with neither names
   * itself with <ModalTitle> somewhere inside (the status modals' question).
   */
  ariaLabel?: string;
};

/** The dialog's name when it is not the header's title: `<ModalTitle asChild><h3>Delete User?</h3></ModalTitle>`. */
export const ModalTitle = Dialog.Title;

/**
 * A controlled Tabler modal. `onClose` runs on Escape, an outside click, the
 * header's close button; pass a no-op while the dialog must stay (a request
 * running). Focus returns where it was when the dialog closes.
 */
export function Modal({ open, onClose, title, size, status, children, footer, initialFocus, onSubmit, formId, testId, ariaLabel }: Props) {
  // Radix gives focus back to its own Trigger; these dialogs are opened by
  // buttons, rows and shortcuts, so the element focused before is kept here.
  const previous = useRef<HTMLElement | null>(null);
  useEffect(() => {
    if (open) return countOpenDialog();
  }, [open]);

  const inner = (
    <>
      {status && <div className={`modal-status bg-${status}`} />}
      {title !== undefined ? (
        <div className="modal-header">
          <Dialog.Title className="modal-title h5">{title}</Dialog.Title>
          <Dialog.Close className="btn-close" aria-label="Close" />
        </div>
      ) : (
        ariaLabel && <Dialog.Title className="visually-hidden">{ariaLabel}</Dialog.Title>
      )}
      {children}
      {footer && <div className="modal-footer">{footer}</div>}
    </>
  );

  return (
    <Dialog.Root open={open} onOpenChange={(next) => !next && onClose()}>
      <Dialog.Portal>
        <div className="modal-backdrop-react" aria-hidden />
        {/* The overlay is Tabler's scrolling .modal layer; a press on it, outside the content, closes. */}
        <Dialog.Overlay className="modal d-block">
          <div className={`modal-dialog modal-dialog-centered${size ? ` modal-${size}` : ""}`}>
            <Dialog.Content
              className="modal-content"
              data-testid={testId}
              aria-describedby={undefined}
              onOpenAutoFocus={(e) => {
                e.preventDefault();
                previous.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
                const root = e.currentTarget as HTMLElement;
                const first = initialFocus?.current ?? root.querySelector<HTMLElement>(`.modal-body :is(${FOCUSABLE})`) ?? root.querySelector<HTMLElement>(FOCUSABLE) ?? root;
                first.focus();
              }}
              onCloseAutoFocus={(e) => {
                e.preventDefault();
                if (previous.current?.isConnected) previous.current.focus();
              }}
            >
              {onSubmit ? (
                <form id={formId} onSubmit={onSubmit} noValidate>
                  {inner}
                </form>
              ) : (
                inner
              )}
            </Dialog.Content>
          </div>
        </Dialog.Overlay>
      </Dialog.Portal>
    </Dialog.Root>
  );
}
