"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import type { FieldErrors, Path, UseFormReturn } from "react-hook-form";
import { FormField } from "@/components/ui/form-field";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, useZodForm } from "@/lib/client/form";
import type { ErrorCode, Result } from "@/lib/result-types";
import { RULE_MESSAGES, setPasswordFormSchema, type SetPasswordFormValues } from "@/lib/schemas/password";
import { PasswordChecklist } from "./password-checklist";
import { checkStrength, useStrength, type LiveStrength } from "./use-strength";

type Submit = (input: SetPasswordFormValues) => Promise<Result<unknown>>;

type Options = {
  username: string;
  /** The person's own words the strength estimator treats as guessable (the server's strengthInputs). */
  inputs: string[];
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
export function useSetPassword({ username, inputs, submit, successUrl, staleCode }: Options) {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const form = useZodForm(setPasswordFormSchema(username), { defaultValues: { password: "", password_confirm: "" } });
  const strength = useStrength(form.watch("password"), inputs);
  const onSubmit = form.handleSubmit(async (values) => {
    const r = await sendNewPassword(form, values, inputs, (v) => callAction(submit, v));
    if (!r) return;
    if (r.ok) {
      setLeaving(true);
      return router.push(successUrl);
    }
    if (r.code === staleCode) return router.refresh();
    applyServerError(form, r);
  });
  // Busy from the click until the next page has taken over.
  const busy = form.formState.isSubmitting || leaving;
  return { form, busy, onSubmit, strength, formError: form.formState.errors.root?.server?.message };
}

type PasswordFields = { password: string; password_confirm: string };

/**
 * Sends a new password the way every password form does: the estimator's
 * verdict first (its chunk is loaded by the time anyone submits), sparing a
 * round trip for the common mistakes; then `send`. A refusal on either side
 * lands on the password field (the server's verdict is keyed by rule:
 * password.common, password.reused... all of it under the field) and gives
 * null; any other Result is the caller's to handle.
 */
export async function sendNewPassword<V extends PasswordFields, T>(
  form: UseFormReturn<V, unknown, V>,
  values: V,
  inputs: string[],
  send: (values: V) => Promise<Result<T>>,
): Promise<Result<T> | null> {
  const refuse = (type: "strength" | "server", message: string) => {
    form.setError("password" as Path<V>, { type, message }, { shouldFocus: true });
    return null;
  };
  const verdict = await checkStrength(values.password, inputs);
  if (!verdict.ok) return refuse("strength", verdict.reason ?? RULE_MESSAGES.common);
  const r = await send(values);
  if (!r.ok && r.code === "weak_password" && r.fieldErrors) return refuse("server", Object.values(r.fieldErrors).join("\n"));
  return r;
}

type FieldsProps<V extends PasswordFields> = {
  /** Any form with these two fields (the set-password forms, My account's change password). */
  form: UseFormReturn<V, unknown, V>;
  username: string;
  /** The live strength verdict (useSetPassword's, or useStrength's). */
  strength: LiveStrength;
  /** Prefix of the element ids ("inv" gives inv-password, inv-password-error, inv-confirm, ...). */
  idPrefix: string;
  passwordLabel: string;
  confirmLabel: string;
  /** Focus the new password on load (not where another field comes first). */
  autoFocus?: boolean;
};

/** The password and confirmation inputs with their errors and the live rule checklist. */
export function SetPasswordFields<V extends PasswordFields>({ form, username, strength, idPrefix: id, passwordLabel, confirmLabel, autoFocus = true }: FieldsProps<V>) {
  const errors = form.formState.errors as FieldErrors<PasswordFields>;
  const password = (form.watch("password" as Path<V>) as string | undefined) ?? "";
  const register = (name: keyof PasswordFields) => form.register(name as Path<V>);
  return (
    <>
      <FormField
        id={`${id}-password`}
        label={passwordLabel}
        error={errors.password?.message}
        hint={
          <>
            Minimum 12 characters, must include:
            <PasswordChecklist password={password} username={username} strength={strength} />
          </>
        }
      >
        {(c) => <input {...c} type="password" autoComplete="new-password" autoFocus={autoFocus} {...register("password")} />}
      </FormField>
      <FormField id={`${id}-confirm`} label={confirmLabel} error={errors.password_confirm?.message}>
        {(c) => <input {...c} type="password" autoComplete="new-password" {...register("password_confirm")} />}
      </FormField>
    </>
  );
}
