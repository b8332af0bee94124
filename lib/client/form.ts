import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type FieldValues, type Path, type UseFormProps, type UseFormReturn, type UseFormSetError } from "react-hook-form";
import type { z } from "zod";
import type { Err } from "@/lib/result-types";

// The one form pattern of the console: react-hook-form validated by the zod
// schema the server also uses (lib/schemas), <FormField> for each input and
// <FormAlert> for what belongs to no field (components/ui/form-field.tsx),
// server actions called through callAction() (lib/client/call-action.ts).
//
//   const form = useZodForm(createUserSchema, { defaultValues: { ... } });
//   const submit = form.handleSubmit(async (values) => {
//     const r = await callAction(createUserAction, values);
//     if (!r.ok) return applyServerError(form, r);
//     ...
//   });

type Schema = z.ZodType<FieldValues, FieldValues>;

/** useForm with the schema as its resolver; values are the schema's output once valid. */
export function useZodForm<S extends Schema>(schema: S, props: Omit<UseFormProps<z.input<S>, unknown, z.output<S>>, "resolver"> = {}): UseFormReturn<z.input<S>, unknown, z.output<S>> {
  return useForm<z.input<S>, unknown, z.output<S>>({ ...props, resolver: zodResolver(schema) as never });
}

/** Where a form-level message lives: `form.formState.errors.root?.server?.message`. */
export const FORM_ERROR = "root.server" as const;

/**
 * Puts a failed Result where it belongs: each field error under its field
 * (the first one focused), and anything else (a server failure with its
 * reference, a conflict without a field, a rate limit) in the form-level
 * alert, never under an input it has nothing to do with.
 */
export function applyServerError<V extends FieldValues>(form: { getValues: () => V; setError: UseFormSetError<V> }, r: Err): void {
  const fields = Object.keys(form.getValues());
  let placed = false;
  if (r.code !== "server_error") {
    for (const [name, message] of Object.entries(r.fieldErrors ?? {})) {
      if (!fields.includes(name)) continue;
      form.setError(name as Path<V>, { type: "server", message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  if (!placed) form.setError(FORM_ERROR as Path<V>, { type: r.code, message: r.message });
}

/** The form-level message of a form (see applyServerError). */
export const formError = (form: { formState: { errors: { root?: Record<string, { message?: string } | undefined> } } }) =>
  form.formState.errors.root?.server?.message;
