import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { AlertsPage } from './alerts/AlertsPage';
import { AnomaliesPage } from './anomalies/AnomaliesPage';
import { AuditPage } from './audit/AuditPage';
import { IncidentsPage } from './incidents/IncidentsPage';
import { SignedIn } from './auth/SignedIn';
import { useSession } from './auth/SessionContext';
import { ROLE_LABELS } from './auth/roles';
import { JobsPage } from './jobs/JobsPage';
import { RulesPage } from './rules/RulesPage';
import { Loading } from './ui/States';

// the charting library is most of the bundle: load it with the drill-down only
const SkuPage = lazy(() => import('./sku/SkuPage').then((m) => ({ default: m.SkuPage })));

export function App() {
  return (
    <SignedIn>
      <Header />
      <main>
        <Routes>
          <Route path="/" element={<IncidentsPage />} />
          <Route path="/anomalies" element={<AnomaliesPage />} />
          <Route path="/sku/:sku" element={<Suspense fallback={<Loading what="the SKU page" />}><SkuPage /></Suspense>} />
          <Route path="/jobs" element={<JobsPage />} />
          <Route path="/rules" element={<RulesPage />} />
          <Route path="/alerts" element={<AlertsPage />} />
          <Route path="/audit" element={<AuditPage />} />
          <Route path="*" element={<p className="state">No such page. <NavLink to="/">Back to the incidents</NavLink></p>} />
        </Routes>
      </main>
    </SignedIn>
  );
}

function Header() {
  const { user, can, signOut } = useSession();
  return (
    <header className="top">
      <strong className="brand">Pricing grid</strong>
      <nav aria-label="Main">
        <NavLink to="/" end>Incidents</NavLink>
        <NavLink to="/anomalies">Anomalies</NavLink>
        <NavLink to="/jobs">Jobs</NavLink>
        <NavLink to="/rules">Thresholds</NavLink>
        {can('PRICING_MANAGER') && <NavLink to="/alerts">Alerts</NavLink>}
        {can('ADMIN') && <NavLink to="/audit">Audit log</NavLink>}
        <a href="/graphiql">GraphQL</a>
        {can('ADMIN') && <a href="/dashboard/">Cluster</a>}
      </nav>
      <div className="user" aria-label="Signed in as">
        <span className="user-name">{user.name}</span> <span className="badge role">{ROLE_LABELS[user.role]}</span>
        <button className="sign-out" onClick={signOut}>Sign out</button>
      </div>
    </header>
  );
}
