"use client";

import { useId } from "react";

// The pieces every console form is made of (the pattern: lib/client/form.ts).

/** What a FormField hands its control: spread it on the <input>/<select>/<textarea>. */
export type FieldControl = {
  id: string;
  className: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
  "aria-required"?: boolean;
};

type FieldProps = {
  label: React.ReactNode;
  /** The field's error; one message per line shows as a list. */
  error?: string;
  hint?: React.ReactNode;
  /** Marks the label and the control as required (default true; display-only fields pass false). */
  required?: boolean;
  /** "select" gives form-select, the rest form-control. */
  kind?: "input" | "select";
  /** A stable id for the control (the error is `${id}-error`, the hint `${id}-hint`); generated when absent. */
  id?: string;
  /** Classes of the wrapper (default "mb-3"). */
  className?: string;
  children: (control: FieldControl) => React.ReactNode;
};

/**
 * Label, control, field error and hint, wired for assistive technology: the
 * control is described by its hint and error and marked invalid with it.
 *
 *   <FormField label="Email" error={errors.email?.message} hint="...">
 *     {(c) => <input {...c} type="email" {...register("email")} />}
 *   </FormField>
 */
export function FormField({ label, error, hint, required = true, kind = "input", id: givenId, className = "mb-3", children }: FieldProps) {
  const generated = useId();
  const id = givenId ?? generated;
  const lines = error ? error.split("\n").filter(Boolean) : [];
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(" ") || undefined;
  const control: FieldControl = {
    id,
    className: `${kind === "select" ? "form-select" : "form-control"}${error ? " is-invalid" : ""}`,
    "aria-invalid": Boolean(error),
    "aria-describedby": describedBy,
    ...(required ? { "aria-required": true } : {}),
  };
  return (
    <div className={className}>
      <label className={`form-label${required ? " required" : ""}`} htmlFor={id}>
        {label}
      </label>
      {children(control)}
      {error && (
        <div className="invalid-feedback d-block" id={`${id}-error`}>
          {lines.length > 1 ? (
            <ul className="mb-0 ps-3">
              {lines.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          ) : (
            error
          )}
        </div>
      )}
      {hint && (
        <div className="form-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}

/**
 * The form-level message: what belongs to no single field (a server failure
 * with its reference, wrong credentials, a rate limit). Nothing when empty.
 */
export function FormAlert({ message, id, className = "" }: { message?: string | null; id?: string; className?: string }) {
  if (!message) return null;
  return (
    <div className={`alert alert-danger ${className}`.trim()} role="alert" id={id} data-testid="form-alert">
      {message}
    </div>
  );
}

type SubmitProps = { busy: boolean; children: React.ReactNode; className?: string; form?: string };

/** The primary submit button, disabled with a spinner while the request runs. */
export function SubmitButton({ busy, children, className = "", form }: SubmitProps) {
  return (
    <button type="submit" className={`btn btn-primary ${className}`.trim()} disabled={busy} aria-busy={busy} form={form}>
      {busy && <span className="spinner-border spinner-border-sm me-2" aria-hidden="true" />}
      {children}
    </button>
  );
}
