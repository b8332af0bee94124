// How many dialogs are open: the shortcut registry keeps page shortcuts off
// meanwhile. Dialogs report themselves here; the registry only reads.

let openCount = 0;

export const isModalOpen = () => openCount > 0;

/** Counts one more open dialog; the function returned takes it back. */
export function countOpenDialog(): () => void {
  openCount += 1;
  return () => {
    openCount -= 1;
  };
}
