// Shown while the users page renders on the server (first visit from another page).
export default function UsersLoading() {
  return (
    <div aria-busy="true">
      <span className="visually-hidden" role="status">
        Loading users…
      </span>
      <div className="page-header d-print-none">
        <div className="container-xl">
          <div className="page-pretitle">Administration</div>
          <h1 className="page-title">Users</h1>
        </div>
      </div>
      <div className="page-body">
        <div className="container-xl">
          <div className="card placeholder-glow">
            <div className="card-body border-bottom py-3">
              <span className="placeholder col-12 placeholder-lg rounded" />
            </div>
            <div className="card-body">
              {Array.from({ length: 8 }, (_, i) => (
                <div key={i} className="d-flex gap-3 mb-3">
                  <span className="placeholder col-2" />
                  <span className="placeholder col-3" />
                  <span className="placeholder col-1" />
                  <span className="placeholder col-2" />
                  <span className="placeholder col-3" />
                </div>
              ))}
            </div>
          </div>
        </div>
      </div>
    </div>
  );
}
