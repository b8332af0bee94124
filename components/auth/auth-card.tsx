import Image from "next/image";

/** The centered single-card layout of the login and invitation pages. */
export function AuthCard({ children }: { children: React.ReactNode }) {
  return (
    <div className="page page-center">
      <div className="container container-tight py-4">
        <div className="text-center mb-4">
          <span className="navbar-brand navbar-brand-autodark d-inline-flex align-items-center gap-2 fs-2 fw-bold">
            <Image src="/favicon.svg" width={32} height={32} alt="" />
            SEL Admin
          </span>
        </div>
        {children}
      </div>
    </div>
  );
}
