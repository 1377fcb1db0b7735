import { lazy, Suspense } from 'react';
import { NavLink, Route, Routes } from 'react-router-dom';
import { AnomaliesPage } from './anomalies/AnomaliesPage';
import { JobsPage } from './jobs/JobsPage';
import { Loading } from './ui/States';

// the charting library is most of the bundle: load it with the drill-down only
const SkuPage = lazy(() => import('./sku/SkuPage').then((m) => ({ default: m.SkuPage })));

export function App() {
  return (
    <>
      <header className="top">
        <strong className="brand">Pricing grid</strong>
        <nav aria-label="Main">
          <NavLink to="/" end>Anomalies</NavLink>
          <NavLink to="/jobs">Jobs</NavLink>
          <a href="/graphiql">GraphQL</a>
          <a href="/dashboard/">Cluster</a>
        </nav>
      </header>
      <main>
        <Routes>
          <Route path="/" element={<AnomaliesPage />} />
          <Route path="/sku/:sku" element={<Suspense fallback={<Loading what="the SKU page" />}><SkuPage /></Suspense>} />
          <Route path="/jobs" element={<JobsPage />} />
          <Route path="*" element={<p className="state">No such page. <NavLink to="/">Back to the anomalies</NavLink></p>} />
        </Routes>
      </main>
    </>
  );
}
