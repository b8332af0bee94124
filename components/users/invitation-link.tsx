"use client";

import { useRouter } from "next/navigation";
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";
import { toast } from "sonner";
import { copyInvitationLinkAction } from "@/app/admin/(console)/users/actions";
import { Modal } from "@/components/ui/modal";
import { callAction } from "@/lib/client/call-action";
import { formatDateTime } from "@/lib/format-date";

// With no email provider (EMAIL_PROVIDER=log) an admin hands the invitee
// their link: "Copy link" asks the server for a fresh one (recorded as
// activity) and puts it on the clipboard. Where the browser refuses the
// clipboard (a plain-http address that is not localhost), a dialog shows
// the link selected, ready for Ctrl+C.

type Target = { id: string; username: string };
type Api = { copy: (user: Target) => Promise<void>; busyId: string | null };

const Ctx = createContext<Api | null>(null);

export function useInvitationLink(): Api {
  const api = useContext(Ctx);
  if (!api) throw new Error("useInvitationLink needs an <InvitationLinkProvider>");
  return api;
}

/**
 * Writes text the server is still producing. ClipboardItem with a promise
 * keeps the click's user activation across the round trip (Safari needs it);
 * writeText after the await is the fallback. Resolves false when refused.
 */
async function writeClipboard(text: Promise<string | null>): Promise<boolean> {
  const clip = typeof navigator !== "undefined" ? navigator.clipboard : undefined;
  if (!clip) return false;
  try {
    if (typeof ClipboardItem !== "undefined" && clip.write) {
      const blob = text.then((t) => {
        if (t === null) throw new Error("no link");
        return new Blob([t], { type: "text/plain" });
      });
      await clip.write([new ClipboardItem({ "text/plain": blob })]);
      return true;
    }
    const t = await text;
    if (t === null) return false;
    await clip.writeText(t);
    return true;
  } catch {
    return false;
  }
}

export function InvitationLinkProvider({ children }: { children: React.ReactNode }) {
  const router = useRouter();
  const [busyId, setBusyId] = useState<string | null>(null);
  const [shown, setShown] = useState<{ username: string; link: string; expires: string } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const busy = useRef(false);

  const copy = useCallback(
    async (user: Target) => {
      if (busy.current) return;
      busy.current = true;
      setBusyId(user.id);
      const answer = callAction(copyInvitationLinkAction, user.id);
      const copied = await writeClipboard(answer.then((r) => (r.ok ? r.data.link : null)));
      const r = await answer;
      busy.current = false;
      setBusyId(null);
      if (!r.ok) return void toast.error(r.message);
      const expires = formatDateTime(r.data.expires_at);
      if (copied) toast.success(`Invitation link for ${user.username} copied. It works until ${expires}; older links no longer do.`);
      else setShown({ username: user.username, link: r.data.link, expires });
      router.refresh();
    },
    [router],
  );

  const api = useMemo(() => ({ copy, busyId }), [copy, busyId]);
  return (
    <Ctx.Provider value={api}>
      {children}
      <Modal
        open={shown !== null}
        onClose={() => setShown(null)}
        title={`Invitation link for ${shown?.username ?? ""}`}
        initialFocus={inputRef}
        testId="invitation-link-modal"
        footer={
          <button type="button" className="btn btn-primary" onClick={() => setShown(null)}>
            Done
          </button>
        }
      >
        <div className="modal-body">
          <p>The browser did not allow copying here. Select the link and copy it (Ctrl+C), then send it to {shown?.username}.</p>
          <label className="form-label" htmlFor="invitation-link-text">
            Invitation link
          </label>
          <input ref={inputRef} id="invitation-link-text" className="form-control font-monospace" readOnly value={shown?.link ?? ""} onFocus={(e) => e.currentTarget.select()} />
          <small className="form-hint">Works until {shown?.expires}; older links for this user no longer do.</small>
        </div>
      </Modal>
    </Ctx.Provider>
  );
}
