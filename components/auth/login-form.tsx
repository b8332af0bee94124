"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { FORM_ERROR, useZodForm } from "@/lib/client/form";
import { signInWithPassword } from "@/lib/client/sign-in";
import { safeRedirect } from "@/lib/safe-redirect";
import { loginSchema } from "@/lib/schemas/password";

/**
 * Sign-in: username or email and password; accounts with two-factor sign-in
 * then get a code step (a code from the authenticator app, or one of the
 * recovery codes). The password stays in the form's state for that step and
 * is sent again with the code: the server checks both together.
 */
export function LoginForm({ redirect, notice }: { redirect?: string; notice?: string }) {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const [step, setStep] = useState<"password" | "code">("password");
  const [recovery, setRecovery] = useState(false);
  const form = useZodForm(loginSchema, { defaultValues: { username: "", password: "", otp: "" } });
  const { errors, isSubmitting } = form.formState;
  const error = errors.root?.server?.message;

  const submit = form.handleSubmit(async ({ username, password, otp }) => {
    if (step === "code" && !otp?.trim()) {
      form.setError("otp", { type: "required", message: recovery ? "Enter a recovery code" : "Enter the 6-digit code" }, { shouldFocus: true });
      return;
    }
    const r = await signInWithPassword(username, password, step === "code" ? otp?.trim() : undefined);
    if (!r.ok) {
      if (r.otp) {
        setStep("code");
        form.setValue("otp", "");
        if (r.otp === "invalid") form.setError("otp", { type: "server", message: r.message }, { shouldFocus: true });
        else setTimeout(() => form.setFocus("otp"), 0);
        return;
      }
      // Wrong credentials are not a fault of the password field: which one was wrong is not said.
      form.setError(FORM_ERROR, { type: "server", message: r.message });
      if (step === "code") {
        // Locked meanwhile, or rate limited: start over from the password.
        setStep("password");
        form.setValue("password", "");
      }
      return;
    }
    setLeaving(true);
    router.replace(safeRedirect(redirect));
    router.refresh();
  });

  const back = () => {
    setStep("password");
    setRecovery(false);
    form.reset({ username: form.getValues("username"), password: "", otp: "" });
  };

  return (
    <form className="card card-md" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "login-error" : undefined}>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">{step === "password" ? "Sign in to SEL Admin" : "Two-factor authentication"}</h1>
        {notice && step === "password" && (
          <div className="alert alert-success" role="status">
            {notice}
          </div>
        )}
        <FormAlert message={error} id="login-error" />
        <div hidden={step !== "password"}>
          <FormField id="username" label="Username or email" error={errors.username?.message} required={false}>
            {(c) => <input {...c} type="text" autoComplete="username" autoFocus {...form.register("username")} />}
          </FormField>
          <FormField id="password" label="Password" error={errors.password?.message} required={false} className="mb-2">
            {(c) => <input {...c} type="password" autoComplete="current-password" {...form.register("password")} />}
          </FormField>
          <div className="text-end small mb-3">
            <Link href="/admin/forgot-password">Forgot password?</Link>
          </div>
        </div>
        {step === "code" && (
          <>
            <p className="text-secondary" data-testid="otp-prompt">
              {recovery
                ? "Enter one of the recovery codes you saved when you set up two-factor authentication. Each code works once."
                : "Open your authenticator app and enter the 6-digit code it shows for SEL Admin."}
            </p>
            <FormField id="otp" label={recovery ? "Recovery code" : "Authentication code"} error={errors.otp?.message} required={false}>
              {(c) => (
                <input
                  {...c}
                  type="text"
                  autoComplete="one-time-code"
                  inputMode={recovery ? "text" : "numeric"}
                  spellCheck={false}
                  autoCapitalize="off"
                  maxLength={recovery ? 24 : 6}
                  placeholder={recovery ? "xxxxx-xxxxx" : "123456"}
                  {...form.register("otp")}
                />
              )}
            </FormField>
            <div className="d-flex justify-content-between small mb-3">
              <button type="button" className="btn btn-link p-0" onClick={back}>
                Back
              </button>
              <button
                type="button"
                className="btn btn-link p-0"
                onClick={() => {
                  setRecovery(!recovery);
                  form.setValue("otp", "");
                  form.clearErrors("otp");
                  setTimeout(() => form.setFocus("otp"), 0);
                }}
              >
                {recovery ? "Use a code from the app" : "Use a recovery code"}
              </button>
            </div>
          </>
        )}
        <div className="form-footer mt-0">
          <SubmitButton busy={isSubmitting || leaving} className="w-100">
            {step === "password" ? "Sign In" : "Verify"}
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
