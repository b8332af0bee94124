"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormAlert, FormField, SubmitButton } from "@/components/ui/form-field";
import { FORM_ERROR, useZodForm } from "@/lib/client/form";
import { signInWithPassword } from "@/lib/client/sign-in";
import { safeRedirect } from "@/lib/safe-redirect";
import { loginSchema } from "@/lib/schemas/password";

export function LoginForm({ redirect, notice }: { redirect?: string; notice?: string }) {
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const form = useZodForm(loginSchema, { defaultValues: { username: "", password: "" } });
  const { errors, isSubmitting } = form.formState;
  const error = errors.root?.server?.message;

  const submit = form.handleSubmit(async ({ username, password }) => {
    const r = await signInWithPassword(username, password);
    if (!r.ok) {
      // Wrong credentials are not a fault of the password field: which one was wrong is not said.
      form.setError(FORM_ERROR, { type: "server", message: r.message });
      return;
    }
    setLeaving(true);
    router.replace(safeRedirect(redirect));
    router.refresh();
  });

  return (
    <form className="card card-md" onSubmit={(e) => void submit(e)} noValidate aria-describedby={error ? "login-error" : undefined}>
      <div className="card-body">
        <h1 className="card-title text-center mb-4 h2">Sign in to SEL Admin</h1>
        {notice && (
          <div className="alert alert-success" role="status">
            {notice}
          </div>
        )}
        <FormAlert message={error} id="login-error" />
        <FormField id="username" label="Username or email" error={errors.username?.message} required={false}>
          {(c) => <input {...c} type="text" autoComplete="username" autoFocus {...form.register("username")} />}
        </FormField>
        <FormField id="password" label="Password" error={errors.password?.message} required={false} className="mb-2">
          {(c) => <input {...c} type="password" autoComplete="current-password" {...form.register("password")} />}
        </FormField>
        <div className="text-end small mb-3">
          <Link href="/admin/forgot-password">Forgot password?</Link>
        </div>
        <div className="form-footer mt-0">
          <SubmitButton busy={isSubmitting || leaving} className="w-100">
            Sign In
          </SubmitButton>
        </div>
      </div>
    </form>
  );
}
