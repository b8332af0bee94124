/** One label and its value in a Tabler datagrid; a long value (an email, an id) wraps instead of overflowing. */
export function DatagridItem({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div className="datagrid-item">
      <div className="datagrid-title">{label}</div>
      <div className="datagrid-content text-break">{children}</div>
    </div>
  );
}
