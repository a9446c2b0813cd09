/** The frame of the pages a visitor sees before the app: the brand over one card (sign-in, sign-up, a mailed link, an invitation). */
import type { ReactNode } from 'react';

export function AuthCard({ children }: { children: ReactNode }) {
  return (
    <div className="auth">
      <div className="auth-card card">
        <h1>
          <span className="brand-mark" aria-hidden="true" /> Groundwork
        </h1>
        {children}
      </div>
    </div>
  );
}
