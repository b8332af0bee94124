import Link from "next/link";

/** Shown when a signed-in user opens a page their role may not see. */
export function Forbidden() {
  return (
    <div className="page-body">
      <div className="container-xl">
        <div className="empty">
          <div className="empty-header">403</div>
          <p className="empty-title">You do not have access to this page</p>
          <p className="empty-subtitle text-secondary">Only admins can manage users and view the activity log. Ask an admin if you need access.</p>
          <div className="empty-action">
            <Link href="/admin" className="btn btn-primary">
              Back to the dashboard
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}
