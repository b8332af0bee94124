/** Tabler page header: pretitle, title and actions on the right (below the title on phones, never over it). */
export function PageHeader({ pretitle, title, actions }: { pretitle?: string; title: string; actions?: React.ReactNode }) {
  return (
    <div className="page-header d-print-none">
      <div className="container-xl">
        <div className="row g-2 align-items-center">
          <div className="col min-w-0">
            {pretitle && <div className="page-pretitle">{pretitle}</div>}
            <h1 className="page-title text-break">{title}</h1>
          </div>
          {actions && <div className="col-12 col-md-auto ms-md-auto d-print-none">{actions}</div>}
        </div>
      </div>
    </div>
  );
}
