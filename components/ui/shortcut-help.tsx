"use client";

import { Fragment, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { comboKeys, isMac, SHORTCUTS, type ShortcutCombo } from "@/lib/client/shortcut-list";
import { useRegisteredShortcuts, useShortcut } from "@/lib/client/shortcuts";

const ENTRIES = Object.entries(SHORTCUTS) as [ShortcutCombo, (typeof SHORTCUTS)[ShortcutCombo]][];

/** The `?` overlay: the shortcut registry, with the ones this page has marked. */
export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  const here = useRegisteredShortcuts();
  useShortcut("?", () => setOpen(true));
  const close = () => setOpen(false);
  const mac = open && isMac();
  return (
    <Modal
      open={open}
      onClose={close}
      title="Keyboard shortcuts"
      testId="shortcut-help"
      footer={
        <button type="button" className="btn" onClick={close}>
          Close
        </button>
      }
    >
      <div className="table-responsive">
        <table className="table table-vcenter card-table mb-0">
          <thead>
            <tr>
              <th>Keys</th>
              <th>Action</th>
              <th>Where</th>
            </tr>
          </thead>
          <tbody>
            {ENTRIES.map(([combo, s]) => {
              const available = here.has(combo);
              return (
                <tr key={combo} data-combo={combo} data-here={available}>
                  <td className="text-nowrap">
                    {comboKeys(combo, mac).map((k, i) => (
                      <Fragment key={k}>
                        {i > 0 && " + "}
                        <kbd>{k}</kbd>
                      </Fragment>
                    ))}
                  </td>
                  <td>{s.action}</td>
                  <td className="text-secondary">
                    {s.where}
                    {available && s.where !== "Everywhere" && <span className="badge bg-green-lt ms-2">this page</span>}
                    {!available && "elsewhere" in s && (
                      <div className="small" data-testid="shortcut-elsewhere">
                        {s.elsewhere}
                      </div>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
