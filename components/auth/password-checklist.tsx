"use client";

import { IconCheck, IconCircle } from "@tabler/icons-react";
import { PASSWORD_RULES } from "@/lib/schemas/password";

/** The password rules as a live checklist that ticks as the person types. */
export function PasswordChecklist({ password, username }: { password: string; username?: string }) {
  return (
    <ul className="password-checklist ps-0 mb-0 mt-2 small" aria-live="polite" data-testid="password-checklist">
      {PASSWORD_RULES.map((rule) => {
        const ok = rule.test(password, username);
        return (
          <li key={rule.id} className={ok ? "ok" : "todo"} data-rule={rule.id} data-ok={ok}>
            {ok ? <IconCheck size={14} aria-hidden className="me-1" /> : <IconCircle size={14} aria-hidden className="me-1" />}
            <span className="visually-hidden">{ok ? "Met: " : "Not yet met: "}</span>
            {rule.label}
          </li>
        );
      })}
    </ul>
  );
}
