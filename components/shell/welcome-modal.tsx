"use client";

import { useState, useTransition } from "react";
import { Modal } from "@/components/ui/modal";
import { callAction } from "@/lib/client/call-action";
import type { Result } from "@/lib/result-types";
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
  const admin = can(role, "users:write");
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
        <ul>
          <li>
            <strong>Dashboard:</strong> View system statistics and recent activity
          </li>
          <li>
            <strong>Events:</strong> Manage events, duplicates, and occurrences
          </li>
          {admin && (
            <>
              <li>
                <strong>API Keys:</strong> Generate keys for agents
              </li>
              <li>
                <strong>Federation:</strong> Manage trusted nodes
              </li>
              <li>
                <strong>Users:</strong> Manage admin accounts
              </li>
            </>
          )}
        </ul>
        <h3 className="h6">Keyboard Shortcuts:</h3>
        <ul>
          <li>
            <kbd>Ctrl+K</kbd> - Quick search
          </li>
          <li>
            <kbd>Ctrl+N</kbd> - Create new (context-aware)
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
