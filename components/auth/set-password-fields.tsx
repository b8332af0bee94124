"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormField } from "@/components/ui/form-field";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, useZodForm } from "@/lib/client/form";
import type { ErrorCode, Result } from "@/lib/result-types";
import { setPasswordFormSchema, type SetPasswordFormValues } from "@/lib/schemas/password";
import { PasswordChecklist } from "./password-checklist";

type Submit = (input: SetPasswordFormValues) => Promise<Result<unknown>>;

type Options = {
  username: string;
  submit: Submit;
  /** Where to go once the password is set. */
  successUrl: string;
  /** The code meaning the link died meanwhile (used elsewhere, superseded, expired): the page shows why. */
  staleCode: ErrorCode;
};

/**
 * The form shared by the invitation and reset pages: the same policy is
 * checked in the browser first so the common mistakes need no round trip;
 * the server's verdict on the password lands on its field, anything else
 * (a server failure, a rate limit) in the form-level alert.
 */
export function useSetPassword({ username, submit, successUrl, staleCode }: Options) {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const form = useZodForm(setPasswordFormSchema(username), { defaultValues: { password: "", password_confirm: "" } });
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await callAction(submit, values);
    if (r.ok) {
      setLeaving(true);
      return router.push(successUrl);
    }
    if (r.code === staleCode) return router.refresh();
    if (r.code === "weak_password" && r.fieldErrors) {
      form.setError("password", { type: "server", message: Object.values(r.fieldErrors).join("\n") }, { shouldFocus: true });
      return;
    }
    applyServerError(form, r);
  });
  // Busy from the click until the next page has taken over.
  const busy = form.formState.isSubmitting || leaving;
  return { form, busy, onSubmit, formError: form.formState.errors.root?.server?.message };
}

type FieldsProps = {
  form: ReturnType<typeof useSetPassword>["form"];
  username: string;
  /** Prefix of the element ids ("inv" gives inv-password, inv-password-error, inv-confirm, ...). */
  idPrefix: string;
  passwordLabel: string;
  confirmLabel: string;
};

/** The password and confirmation inputs with their errors and the live rule checklist. */
export function SetPasswordFields({ form, username, idPrefix: id, passwordLabel, confirmLabel }: FieldsProps) {
  const { errors } = form.formState;
  const password = form.watch("password");
  return (
    <>
      <FormField
        id={`${id}-password`}
        label={passwordLabel}
        error={errors.password?.message}
        hint={
          <>
            Minimum 12 characters, must include:
            <PasswordChecklist password={password} username={username} />
          </>
        }
      >
        {(c) => <input {...c} type="password" autoComplete="new-password" autoFocus {...form.register("password")} />}
      </FormField>
      <FormField id={`${id}-confirm`} label={confirmLabel} error={errors.password_confirm?.message}>
        {(c) => <input {...c} type="password" autoComplete="new-password" {...form.register("password_confirm")} />}
      </FormField>
    </>
  );
}
