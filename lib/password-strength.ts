import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { adjacencyGraphs, dictionary as commonDictionary } from "@zxcvbn-ts/language-common";
import { dictionary as enDictionary, translations } from "@zxcvbn-ts/language-en";
import { STRENGTH_MIN_SCORE } from "./schemas/password";

// The "hard to guess" rule: zxcvbn-ts (a maintained port of Dropbox's
// estimator) with its common-password, English-word and name dictionaries,
// keyboard patterns, dates and sequences, plus the person's own words
// (strengthInputs). Isomorphic but heavy (about 1 MB of dictionaries): the
// server imports it once; the browser loads it lazily on the pages that set a
// password (components/auth/use-strength.ts), so no other page pays for it.

let factory: ZxcvbnFactory | undefined;

function estimator(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...enDictionary },
    graphs: adjacencyGraphs,
    translations,
    // The estimate of the first 64 characters bounds the whole (a longer
    // password is at least as strong), and fewer l33t substitutions keep one
    // check in the tens of milliseconds even for 128 symbols; the defaults
    // (256, 100) cost seconds on hostile input.
    maxLength: 64,
    l33tMaxSubstitutions: 8,
  });
  return factory;
}

export type Strength = { score: number; ok: boolean; reason: string | null };

/** Scores a password; `reason` says why it is too weak (null when it is strong enough). */
export function passwordStrength(password: string, userInputs: string[]): Strength {
  const r = estimator().check(password, userInputs);
  if (r.score >= STRENGTH_MIN_SCORE) return { score: r.score, ok: true, reason: null };
  const why = r.feedback.warning ?? r.feedback.suggestions[0] ?? "It follows a pattern many people use.";
  return { score: r.score, ok: false, reason: `Password is too easy to guess (strength ${r.score} of 4, ${STRENGTH_MIN_SCORE} needed): ${why}` };
}
