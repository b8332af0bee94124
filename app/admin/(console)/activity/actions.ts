"use server";

import { action } from "@/lib/server/adapters/action";
import { activityIntegrity, startVerification } from "@/lib/server/activity/chain/integrity";

/** The integrity indicator's state: the running verification and the last result (polled while one runs). */
export const activityIntegrityAction = action((ctx) => activityIntegrity(ctx));

/** "Verify now": starts a verification of the activity chain in the background, or joins the running one. */
export const verifyActivityAction = action((ctx) => startVerification(ctx));
