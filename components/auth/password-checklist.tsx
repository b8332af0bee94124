"use client";

import { IconCheck, IconCircle, IconX } from "@tabler/icons-react";
import { PASSWORD_RULES, STRENGTH_RULE_LABEL } from "@/lib/schemas/password";
import type { LiveStrength } from "./use-strength";

/**
 * The password rules as a live checklist that ticks as the person types,
 * ending with "Hard to guess": the strength estimator's verdict and, while it
 * is too weak, the estimator's reason.
 */
export function PasswordChecklist({ password, username, strength }: { password: string; username?: string; strength?: LiveStrength }) {
  const strong = strength?.state === "done" && strength.strength?.ok === true;
  const weak = strength?.state === "done" && strength.strength?.ok === false;
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
      {strength && (
        <li className={strong ? "ok" : weak ? "weak" : "todo"} data-rule="common" data-ok={strong} data-state={strength.state}>
          {strong ? <IconCheck size={14} aria-hidden className="me-1" /> : weak ? <IconX size={14} aria-hidden className="me-1" /> : <IconCircle size={14} aria-hidden className="me-1" />}
          <span className="visually-hidden">{strong ? "Met: " : "Not yet met: "}</span>
          {STRENGTH_RULE_LABEL}
          {weak && strength.strength?.reason && (
            <div className="ms-3" data-testid="strength-reason">
              {strength.strength.reason}
            </div>
          )}
        </li>
      )}
    </ul>
  );
}
