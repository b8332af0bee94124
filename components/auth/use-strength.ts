"use client";

import { useEffect, useState } from "react";
import type { Strength } from "@/lib/password-strength";

// The "hard to guess" verdict in the browser: the same estimator and
// dictionaries as the server (lib/password-strength.ts), loaded as a separate
// chunk the first time someone types a password, so no other page pays for
// its megabyte.

let loading: Promise<typeof import("@/lib/password-strength")> | undefined;
const estimator = () => (loading ??= import("@/lib/password-strength"));

/** The verdict the server will give (it checks again; this only spares a round trip). */
export async function checkStrength(password: string, inputs: string[]): Promise<Strength> {
  return (await estimator()).passwordStrength(password, inputs);
}

export type LiveStrength = { state: "empty" | "checking" | "done"; strength: Strength | null };

/** The live verdict for a password being typed, a moment after the typing pauses. */
export function useStrength(password: string, inputs: string[]): LiveStrength {
  const [result, setResult] = useState<{ password: string; strength: Strength } | null>(null);
  const key = inputs.join("\n");
  useEffect(() => {
    if (!password) return;
    let live = true;
    const t = setTimeout(() => {
      void checkStrength(password, key ? key.split("\n") : []).then((strength) => live && setResult({ password, strength }));
    }, 120);
    return () => {
      live = false;
      clearTimeout(t);
    };
  }, [password, key]);
  if (!password) return { state: "empty", strength: null };
  if (result?.password !== password) return { state: "checking", strength: null };
  return { state: "done", strength: result.strength };
}
