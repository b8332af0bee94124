"use client";

import Link from "next/link";
import { useState } from "react";
import { requestPasswordResetAction } from "@/app/admin/forgot-password/actions";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, useZodForm } from "@/lib/client/form";
import { requestPasswordResetSchema } from "@/lib/schemas/password-reset";

/** "Forgot password?": asks for the account's email, then shows the same neutral message for any address. */
export function ForgotPasswordForm() {
  const [sent, setSent] = useState<string | null>(null);
  const form = useZodForm(requestPasswordResetSchema, { defaultValues: { email: "" } });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    const r = await callAction(requestPasswordResetAction, values);
    if (r.ok) setSent(r.data.message);
    else applyServerError(form, r);
  });

  if (sent) {
    return (
      <div className="card card-md">
        <div className="card-body">
          <h1 className="card-title text-center mb-4 h2">Check your email</h1>
          <div className="alert alert-success" role="status" data-testid="reset-requested">
            {sent}
          </div>
          <p className="text-secondary">The link works once and expires after 1 hour. Check your spam folder if nothing arrives.</p>
          <div className="text-center">
            <Link href="/admin/login">Back to login</Link>
          </div>
        </div>
      </div>
    );
  }

  return (
    <form className="card card-md" onSubmit={(e) => void submit(e)} noValidate>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Forgot password</h1>
        <p className="text-secondary mb-4">Enter the email address of your account and we will send you a link to reset your password.</p>
        <FormAlert message={errors.root?.server?.message} />
        <FormField id="reset-email" label="Email" error={errors.email?.message}>
          {(c) => <input {...c} type="email" autoComplete="email" autoFocus {...form.register("email")} />}
        </FormField>
        <div className="form-footer">
          <SubmitButton busy={isSubmitting} className="w-100">
            Send reset link
          </SubmitButton>
        </div>
        <div className="text-center mt-3">
          <Link href="/admin/login">Back to login</Link>
        </div>
      </div>
    </form>
  );
}
