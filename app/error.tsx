"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div className="page page-center">
      <div className="container-tight py-4">
        <div className="empty">
          <div className="empty-header">Oops</div>
          <p className="empty-title">Something went wrong</p>
          <p className="empty-subtitle text-secondary">
            The page could not be shown. Please try again.{error.digest ? ` (reference ${error.digest})` : ""}
          </p>
          <div className="empty-action d-flex gap-2 justify-content-center">
            <button type="button" className="btn btn-primary" onClick={reset}>
              Try again
            </button>
            <a href="/admin" className="btn">
              Dashboard
            </a>
          </div>
        </div>
      </div>
    </div>
  );
}
