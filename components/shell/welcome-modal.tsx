"use client";

import { useState, useTransition } from "react";
import { Modal } from "@/components/ui/modal";
import { callAction } from "@/lib/client/call-action";
import type { Result } from "@/lib/result-types";
import { onlyMark, openSections } from "@/lib/console-sections";
import { can, ROLES, type Role } from "@/lib/roles";

/** The guide's first-login welcome, shown once per user. */
export function WelcomeModal({ username, role, dismiss }: { username: string; role: Role; dismiss: () => Promise<Result<unknown>> }) {
  const [open, setOpen] = useState(true);
  const [, start] = useTransition();
  const close = () => {
    setOpen(false);
    start(async () => {
      // A failed dismissal only means the welcome shows once more next time.
      await callAction(dismiss);
    });
  };
  const sections = openSections(role);
  const createMark = onlyMark("users:write");
  return (
    <Modal
      open={open}
      onClose={close}
      size="lg"
      title="Welcome to SEL Admin!"
      testId="welcome-modal"
      footer={
        <button type="button" className="btn btn-primary" onClick={close}>
          Get Started
        </button>
      }
    >
      <div className="modal-body">
        <p>
          You&apos;re logged in as <strong>{username}</strong> with <strong>{ROLES[role].label}</strong> access.
        </p>
        <h3 className="h6">Quick Start:</h3>
        {/* What this console has for this role: the sections it may open, marked as the guide marks them. */}
        <ul data-testid="welcome-sections">
          {sections.map((s) => {
            const mark = onlyMark(s.permission);
            return (
              <li key={s.href}>
                <strong>{s.label}:</strong> {mark && <span className="text-secondary">{mark} </span>}
                {s.summary}
              </li>
            );
          })}
        </ul>
        <h3 className="h6">Keyboard Shortcuts:</h3>
        <ul data-testid="welcome-shortcuts">
          <li>
            <kbd>Ctrl+K</kbd> - Quick search: users, pages and actions
          </li>
          <li>
            <kbd>Ctrl+N</kbd> - Create new (context-aware) {createMark && <span className="text-secondary">{createMark}</span>}
            {!can(role, "users:write") && <span className="text-secondary">: there is nothing your role can create</span>}
          </li>
          <li>
            <kbd>Ctrl+S</kbd> - Save current form
          </li>
          <li>
            <kbd>?</kbd> - All shortcuts
          </li>
        </ul>
      </div>
    </Modal>
  );
}
