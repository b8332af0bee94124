"use client";

import { IconDownload, IconShieldLock } from "@tabler/icons-react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorSetupAction,
} from "@/app/admin/(console)/account/actions";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, formError, useZodForm } from "@/lib/client/form";
import { formatDateTime } from "@/lib/format-date";
import { confirmTwoFactorSchema, disableTwoFactorSchema, regenerateRecoveryCodesSchema } from "@/lib/schemas/two-factor";
import type { TwoFactorSetup, TwoFactorStatus } from "./types";

type Mode = { kind: "idle" } | { kind: "setup"; setup: TwoFactorSetup } | { kind: "codes"; codes: string[] } | { kind: "regenerate" } | { kind: "disable" };

/** The secret in groups of four, as apps that take it typed show it. */
const grouped = (secret: string) => secret.replace(/(.{4})/g, "$1 ").trim();

function downloadCodes(username: string, codes: string[]) {
  const text = [
    `SEL Admin recovery codes for ${username}`,
    `Generated ${new Date().toISOString()}`,
    "",
    "Each code signs you in once when you cannot use your authenticator app.",
    "Keep them somewhere safe, apart from your password.",
    "",
    ...codes,
    "",
  ].join("\n");
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const a = document.createElement("a");
  a.href = url;
  a.download = `sel-admin-recovery-codes-${username}.txt`;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * My account's two-factor authentication: set up an authenticator app (QR
 * code or the secret as text, then a current code and the password), the
 * ten recovery codes shown once (downloadable), new codes, turning it off.
 */
export function TwoFactorCard({ status, username }: { status: TwoFactorStatus; username: string }) {
  const router = useRouter();
  const [mode, setMode] = useState<Mode>({ kind: "idle" });
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);

  async function start() {
    setStarting(true);
    setStartError(null);
    const r = await callAction(startTwoFactorSetupAction);
    setStarting(false);
    if (!r.ok) return setStartError(r.message);
    setMode({ kind: "setup", setup: r.data });
  }

  const done = () => {
    setMode({ kind: "idle" });
    router.refresh();
  };

  return (
    <section className="card" data-testid="two-factor" aria-labelledby="two-factor-title" id="two-factor">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="two-factor-title">
            <IconShieldLock size={20} className="me-1" aria-hidden /> Two-factor authentication
          </h2>
          <p className="card-subtitle mb-0">A code from an authenticator app on your phone, asked for after your password.</p>
        </div>
        <div className="card-actions">
          {status.enabled ? <span className="badge bg-success-lt" data-testid="two-factor-state">On</span> : <span className="badge bg-secondary-lt" data-testid="two-factor-state">Off</span>}
        </div>
      </div>
      <div className="card-body">
        {status.required && !status.enabled && (
          <div className="alert alert-warning" role="alert" data-testid="two-factor-required">
            This node requires two-factor authentication for admins. Set it up to use the rest of the console.
          </div>
        )}
        {mode.kind === "codes" ? (
          <RecoveryCodesPanel codes={mode.codes} username={username} onDone={done} />
        ) : mode.kind === "setup" ? (
          <SetupPanel setup={mode.setup} onCancel={() => setMode({ kind: "idle" })} onConfirmed={(codes) => setMode({ kind: "codes", codes })} />
        ) : status.enabled ? (
          <>
            <p className="mb-1">
              On since {status.enabled_at ? formatDateTime(status.enabled_at) : "-"}. Recovery codes left: <strong data-testid="recovery-codes-left">{status.recovery_codes_left}</strong> of 10.
            </p>
            {status.recovery_codes_left <= 3 && <p className="text-warning small">Few recovery codes are left: make new ones.</p>}
            {status.required && <p className="text-secondary small mb-0">This node requires it for admins, so it cannot be turned off.</p>}
            {mode.kind === "regenerate" && <RegeneratePanel onCancel={() => setMode({ kind: "idle" })} onDone={(codes) => setMode({ kind: "codes", codes })} />}
            {mode.kind === "disable" && (
              <DisablePanel
                onCancel={() => setMode({ kind: "idle" })}
                onDone={() => {
                  toast.success("Two-factor authentication is off");
                  done();
                }}
              />
            )}
            {mode.kind === "idle" && (
              <div className="btn-list mt-3">
                <button type="button" className="btn" onClick={() => setMode({ kind: "regenerate" })}>
                  New recovery codes
                </button>
                {!status.required && (
                  <button type="button" className="btn btn-outline-danger" onClick={() => setMode({ kind: "disable" })}>
                    Turn off
                  </button>
                )}
              </div>
            )}
          </>
        ) : (
          <>
            <p>Even with your password, nobody can sign in as you without your phone. Any TOTP app works: Google Authenticator, Microsoft Authenticator, 1Password, Aegis, FreeOTP.</p>
            <FormAlert message={startError ?? undefined} />
            <button type="button" className="btn btn-primary" onClick={() => void start()} disabled={starting} aria-busy={starting}>
              {starting && <span className="spinner-border spinner-border-sm me-2" aria-hidden />}
              Set up two-factor authentication
            </button>
          </>
        )}
      </div>
      <div className="card-footer text-secondary small" data-testid="two-factor-policy">
        This node {status.required_for_admins ? "requires" : "does not require"} two-factor authentication for admins.
      </div>
    </section>
  );
}

function SetupPanel({ setup, onCancel, onConfirmed }: { setup: TwoFactorSetup; onCancel: () => void; onConfirmed: (codes: string[]) => void }) {
  const form = useZodForm(confirmTwoFactorSchema, { defaultValues: { setup_token: setup.setup_token, password: "", code: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const r = await callAction(confirmTwoFactorAction, values);
    if (!r.ok) return applyServerError(form, r);
    toast.success("Two-factor authentication is on");
    onConfirmed(r.data.recovery_codes);
  });
  return (
    <form onSubmit={(e) => void submit(e)} noValidate data-testid="two-factor-setup">
      <ol className="ps-3">
        <li className="mb-2">Scan this QR code with your authenticator app.</li>
        <li className="mb-2">Or add an account by hand with this key (time-based, 6 digits):</li>
      </ol>
      <div className="d-flex flex-wrap gap-3 align-items-center mb-3">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server */}
        <img src={setup.qr_code} width={200} height={200} alt="QR code for your authenticator app" className="border rounded bg-white p-1" data-testid="totp-qr" />
        <div>
          <div className="text-secondary small">Setup key</div>
          <code className="fs-3 user-select-all" data-testid="totp-secret" data-secret={setup.secret}>
            {grouped(setup.secret)}
          </code>
        </div>
      </div>
      <FormAlert message={formError(form)} />
      <div className="row">
        <div className="col-sm-6">
          <FormField id="tf-code" label="Code from the app" error={errors.code?.message}>
            {(c) => <input {...c} type="text" inputMode="numeric" autoComplete="one-time-code" maxLength={6} placeholder="123456" {...form.register("code")} />}
          </FormField>
        </div>
        <div className="col-sm-6">
          <FormField id="tf-password" label="Your password" error={errors.password?.message}>
            {(c) => <input {...c} type="password" autoComplete="current-password" {...form.register("password")} />}
          </FormField>
        </div>
      </div>
      <div className="btn-list">
        <SubmitButton busy={isSubmitting}>Turn on</SubmitButton>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function RecoveryCodesPanel({ codes, username, onDone }: { codes: string[]; username: string; onDone: () => void }) {
  return (
    <div data-testid="recovery-codes">
      <div className="alert alert-info" role="status">
        Save these recovery codes now: they are shown only this once. Each one signs you in once if you lose your phone.
      </div>
      <ul className="list-unstyled row g-2 mb-3 font-monospace" aria-label="Recovery codes">
        {codes.map((c) => (
          <li key={c} className="col-6 col-md-4 fs-4">
            {c}
          </li>
        ))}
      </ul>
      <div className="btn-list">
        <button type="button" className="btn" onClick={() => downloadCodes(username, codes)}>
          <IconDownload size={18} className="me-1" aria-hidden /> Download as text
        </button>
        <button type="button" className="btn btn-primary" onClick={onDone}>
          I have saved them
        </button>
      </div>
    </div>
  );
}

function RegeneratePanel({ onCancel, onDone }: { onCancel: () => void; onDone: (codes: string[]) => void }) {
  const form = useZodForm(regenerateRecoveryCodesSchema, { defaultValues: { password: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const r = await callAction(regenerateRecoveryCodesAction, values);
    if (!r.ok) return applyServerError(form, r);
    onDone(r.data.recovery_codes);
  });
  return (
    <form className="mt-3" onSubmit={(e) => void submit(e)} noValidate data-testid="regenerate-codes">
      <p className="text-secondary">Your current recovery codes stop working.</p>
      <FormAlert message={formError(form)} />
      <FormField id="rc-password" label="Your password" error={errors.password?.message}>
        {(c) => <input {...c} type="password" autoComplete="current-password" autoFocus {...form.register("password")} />}
      </FormField>
      <div className="btn-list">
        <SubmitButton busy={isSubmitting}>Make new codes</SubmitButton>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

function DisablePanel({ onCancel, onDone }: { onCancel: () => void; onDone: () => void }) {
  const form = useZodForm(disableTwoFactorSchema, { defaultValues: { password: "", code: "" } });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    const r = await callAction(disableTwoFactorAction, values);
    if (!r.ok) return applyServerError(form, r);
    onDone();
  });
  return (
    <form className="mt-3" onSubmit={(e) => void submit(e)} noValidate data-testid="disable-two-factor">
      <FormAlert message={formError(form)} />
      <div className="row">
        <div className="col-sm-6">
          <FormField id="d2-password" label="Your password" error={errors.password?.message}>
            {(c) => <input {...c} type="password" autoComplete="current-password" autoFocus {...form.register("password")} />}
          </FormField>
        </div>
        <div className="col-sm-6">
          <FormField id="d2-code" label="Code from the app, or a recovery code" error={errors.code?.message}>
            {(c) => <input {...c} type="text" autoComplete="one-time-code" spellCheck={false} {...form.register("code")} />}
          </FormField>
        </div>
      </div>
      <div className="btn-list">
        <SubmitButton busy={isSubmitting} className="btn-danger">
          Turn off two-factor
        </SubmitButton>
        <button type="button" className="btn btn-link" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
