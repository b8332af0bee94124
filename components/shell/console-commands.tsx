"use client";

import { createContext, useContext, useMemo, useState } from "react";
import { UserFormModal } from "@/components/users/user-form-modal";
import { useShortcut } from "@/lib/client/shortcuts";
import { can, type Role } from "@/lib/roles";

// What the console can create, from any page: Ctrl+N, the command palette's
// "Create user" and the Users page's button all open the one Create User
// dialog the shell holds, so it works in place on every page an admin opens.

type Commands = {
  /** Opens Create User; null when the signed-in role may create nothing. */
  createUser: (() => void) | null;
};

const Ctx = createContext<Commands>({ createUser: null });

export const useConsoleCommands = () => useContext(Ctx);

export function ConsoleCommandsProvider({ role, children }: { role: Role; children: React.ReactNode }) {
  const mayCreate = can(role, "users:write");
  const [creating, setCreating] = useState(false);
  const value = useMemo<Commands>(() => ({ createUser: mayCreate ? () => setCreating(true) : null }), [mayCreate]);
  // Not registered for roles that create nothing: the ? overlay then says so.
  useShortcut("mod+n", () => setCreating(true), { enabled: mayCreate });
  return (
    <Ctx.Provider value={value}>
      {children}
      {mayCreate && <UserFormModal open={creating} onClose={() => setCreating(false)} />}
    </Ctx.Provider>
  );
}
