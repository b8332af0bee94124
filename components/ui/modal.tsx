"use client";

import { useEffect, useId, useRef } from "react";
import { createPortal } from "react-dom";

const FOCUSABLE = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';
// The same list scoped to the body (each alternative needs the prefix, or the header's close button matches first).
const BODY_FOCUSABLE = FOCUSABLE.split(", ").map((s) => `.modal-body ${s}`).join(", ");

// Modals stack; only the top one reacts to Esc and traps Tab.
const stack: string[] = [];
export const isModalOpen = () => stack.length > 0;

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
  /** Element to focus first (default: first focusable in the body). */
  initialFocus?: React.RefObject<HTMLElement | null>;
  /** Wrap body and footer in a form (for Enter-to-submit and Ctrl+S). */
  onSubmit?: (e: React.FormEvent<HTMLFormElement>) => void;
  formId?: string;
  testId?: string;
  /** Accessible name when there is no title (status modals name themselves by their question). */
  ariaLabel?: string;
};

/**
 * A controlled Tabler modal without Bootstrap's JavaScript: Esc closes,
 * focus is trapped inside while open and returns to where it was on close.
 */
export function Modal({ open, onClose, title, size, status, children, footer, initialFocus, onSubmit, formId, testId, ariaLabel }: Props) {
  const id = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    if (!open) return;
    const previous = document.activeElement as HTMLElement | null;
    stack.push(id);
    const root = dialogRef.current;
    const first = initialFocus?.current ?? root?.querySelector<HTMLElement>(BODY_FOCUSABLE) ?? root?.querySelector<HTMLElement>(FOCUSABLE);
    first?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (stack[stack.length - 1] !== id || !root) return;
      if (e.key === "Escape") {
        e.preventDefault();
        onCloseRef.current();
        return;
      }
      if (e.key !== "Tab") return;
      const items = Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null);
      if (!items.length) return;
      const [head, tail] = [items[0], items[items.length - 1]];
      if (e.shiftKey && (document.activeElement === head || !root.contains(document.activeElement))) {
        e.preventDefault();
        tail.focus();
      } else if (!e.shiftKey && (document.activeElement === tail || !root.contains(document.activeElement))) {
        e.preventDefault();
        head.focus();
      }
    };
    document.addEventListener("keydown", onKey);
    document.body.classList.add("modal-open");
    return () => {
      document.removeEventListener("keydown", onKey);
      stack.splice(stack.indexOf(id), 1);
      if (!stack.length) document.body.classList.remove("modal-open");
      if (previous && document.contains(previous)) previous.focus();
    };
  }, [open, id, initialFocus]);

  if (!open || typeof document === "undefined") return null;

  const inner = (
    <>
      {status && <div className={`modal-status bg-${status}`} />}
      {title !== undefined && (
        <div className="modal-header">
          <h2 className="modal-title h5" id={`${id}-title`}>
            {title}
          </h2>
          <button type="button" className="btn-close" aria-label="Close" onClick={onClose} />
        </div>
      )}
      {children}
      {footer && <div className="modal-footer">{footer}</div>}
    </>
  );

  return createPortal(
    <>
      <div className="modal-backdrop-react" onMouseDown={onClose} />
      <div className="modal d-block" role="presentation" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
        <div className={`modal-dialog modal-dialog-centered${size ? ` modal-${size}` : ""}`}>
          <div
            ref={dialogRef}
            className="modal-content"
            role="dialog"
            aria-modal="true"
            aria-labelledby={title !== undefined ? `${id}-title` : undefined}
            aria-label={title === undefined ? (ariaLabel ?? "Dialog") : undefined}
            data-testid={testId}
          >
            {onSubmit ? (
              <form id={formId} onSubmit={onSubmit} noValidate>
                {inner}
              </form>
            ) : (
              inner
            )}
          </div>
        </div>
      </div>
    </>,
    document.body,
  );
}
