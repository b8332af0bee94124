"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { changePasswordAction } from "@/app/admin/(console)/account/actions";
import { sendNewPassword, SetPasswordFields } from "@/components/auth/set-password-fields";
import { useStrength } from "@/components/auth/use-strength";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { callAction } from "@/lib/client/call-action";
import { applyServerError, formError, useZodForm } from "@/lib/client/form";
import { changePasswordFormSchema } from "@/lib/schemas/account";

type Props = { username: string; /** The strength estimator's personal words (the server's strengthInputs). */ inputs: string[] };

const EMPTY = { current_password: "", password: "", password_confirm: "" };

/**
 * My account's Change password: the current password, then a new one under
 * the same policy and live checklist as the invitation and reset pages (and
 * not the current one again). The server ends every other session and API
 * token; this one stays.
 */
export function ChangePasswordForm({ username, inputs }: Props) {
  const router = useRouter();
  const form = useZodForm(changePasswordFormSchema(username), { defaultValues: EMPTY });
  const strength = useStrength(form.watch("password"), inputs);

  const submit = form.handleSubmit(async (values) => {
    const r = await sendNewPassword(form, values, inputs, (v) => callAction(changePasswordAction, v));
    if (!r) return;
    if (r.ok) {
      toast.success(r.data.message);
      form.reset(EMPTY);
      router.refresh();
      return;
    }
    applyServerError(form, r);
  });

  const { errors, isSubmitting } = form.formState;
  return (
    <form className="card" onSubmit={(e) => void submit(e)} noValidate data-testid="change-password" aria-labelledby="change-password-title">
      <div className="card-header">
        <div>
          <h2 className="card-title" id="change-password-title">
            Change password
          </h2>
          <p className="card-subtitle mb-0">Your other sessions and API tokens will be signed out; this one stays.</p>
        </div>
      </div>
      <div className="card-body">
        <FormAlert message={formError(form)} />
        {/* For password managers: whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={username} readOnly hidden />
        <FormField id="cp-current" label="Current password" error={errors.current_password?.message}>
          {(c) => <input {...c} type="password" autoComplete="current-password" {...form.register("current_password")} />}
        </FormField>
        <SetPasswordFields form={form} username={username} strength={strength} idPrefix="cp" passwordLabel="New password" confirmLabel="Confirm new password" autoFocus={false} />
      </div>
      <div className="card-footer text-end">
        <SubmitButton busy={isSubmitting}>Change password</SubmitButton>
      </div>
    </form>
  );
}
