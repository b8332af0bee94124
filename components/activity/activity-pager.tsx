import Link from "next/link";

type Props = { prevHref: string | null; nextHref: string | null; count: number };

/** Keyset paging: newer (Previous) and older (Next) pages of the same filtered view. */
export function ActivityPager({ prevHref, nextHref, count }: Props) {
  if (!prevHref && !nextHref) return null;
  return (
    <nav className="card-footer d-flex align-items-center" aria-label="Activity pages">
      <p className="m-0 text-secondary">Showing {count} entries, newest first</p>
      <ul className="pagination m-0 ms-auto">
        <li className={`page-item${prevHref ? "" : " disabled"}`}>
          {prevHref ? (
            <Link className="page-link" href={prevHref} rel="prev">
              Previous
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              Previous
            </span>
          )}
        </li>
        <li className={`page-item${nextHref ? "" : " disabled"}`}>
          {nextHref ? (
            <Link className="page-link" href={nextHref} rel="next">
              Next
            </Link>
          ) : (
            <span className="page-link" aria-disabled="true">
              Next
            </span>
          )}
        </li>
      </ul>
    </nav>
  );
}
