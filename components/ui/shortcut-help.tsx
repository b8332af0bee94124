"use client";

import { Fragment, useState } from "react";
import { Modal } from "@/components/ui/modal";
import { isMac, SHORTCUTS } from "@/lib/client/shortcut-list";
import { useShortcut } from "@/lib/client/shortcuts";

/** The `?` overlay: every keyboard shortcut of the console. */
export function ShortcutHelp() {
  const [open, setOpen] = useState(false);
  useShortcut("?", () => setOpen(true));
  const mac = open && isMac();
  return (
    <Modal
      open={open}
      onClose={() => setOpen(false)}
      title="Keyboard shortcuts"
      testId="shortcut-help"
      footer={
        <button type="button" className="btn" onClick={() => setOpen(false)}>
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
            {SHORTCUTS.map((s) => (
              <tr key={s.keys.join("+")}>
                <td className="text-nowrap">
                  {s.keys.map((k, i) => (
                    <Fragment key={k}>
                      {i > 0 && " + "}
                      <kbd>{mac && k === "Ctrl" ? "⌘" : k}</kbd>
                    </Fragment>
                  ))}
                </td>
                <td>{s.action}</td>
                <td className="text-secondary">{s.where}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Modal>
  );
}
