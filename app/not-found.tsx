import Link from "next/link";

export default function NotFound() {
  return (
    <div className="page page-center">
      <div className="container-tight py-4">
        <div className="empty">
          <div className="empty-header">404</div>
          <p className="empty-title">Page not found</p>
          <p className="empty-subtitle text-secondary">The page you are looking for does not exist or was removed.</p>
          <div className="empty-action">
            <Link href="/admin" className="btn btn-primary">
              Back to SEL Admin
            </Link>
          </div>
        </div>
      </div>
    </div>
  );
}
