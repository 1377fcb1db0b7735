import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import type { Incident, IncidentWithHistory } from '../api/types';
import { SessionProvider, sessionOf } from '../auth/SessionContext';
import type { Role } from '../auth/roles';
import { DEFAULT_FILTERS, fromSearchParams, toExportQuery, toSearchParams, toVariables } from './filters';
import { IncidentPanel, describe as describeEvent } from './IncidentPanel';
import { IncidentTable } from './IncidentTable';

const incident = (over: Partial<Incident> = {}): Incident => ({
  id: '7', sku: 'SKU000001', salesOrg: '1000', customerId: 'C100001', reason: 'NEGATIVE_MARGIN', firstDt: '2026-11-01', lastDt: '2026-11-09',
  days: 9, ongoing: false, maxSeverity: 'CRITICAL', impact: 120, impactReporting: 131.5, status: 'OPEN', assignee: null, ...over,
});

/** The gateway's GraphQL endpoint: incident(id) answers the stored incident, a status change changes it; every request is kept. */
function gateway(stored: IncidentWithHistory, requests: { query: string; variables: Record<string, unknown> }[]) {
  return vi.fn(async (_url: string, init?: RequestInit) => {
    const request = JSON.parse(String(init?.body));
    requests.push(request);
    const json = (data: unknown) => new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
    if (request.query.includes('setIncidentStatus')) {
      stored = { ...stored, status: request.variables.status, history: [...stored.history,
        { at: '2026-12-01T10:00:00.000Z', actor: 'ana', kind: 'STATUS', from: stored.status, to: request.variables.status, text: request.variables.note }] };
      return json({ setIncidentStatus: stored });
    }
    if (request.query.includes('skuDetail')) return json({ skuDetail: { sku: stored.sku, description: '', materialGroup: 'G', currency: 'EUR', series: [], anomalies: [], competitors: [] } });
    return json({ incident: stored });
  });
}

function renderPanel(role: Role, requests: { query: string; variables: Record<string, unknown> }[]) {
  vi.stubGlobal('fetch', gateway({ ...incident(), comments: [], history: [] }, requests));
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider value={sessionOf({ name: 'ana', role, csrfToken: 't' }, () => {})}>
        <MemoryRouter><IncidentPanel incident={incident()} onClose={() => {}} /></MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('incident filters', () => {
  it('open on the open incidents, keep "All" in the URL, and send every filter', () => {
    expect(fromSearchParams(new URLSearchParams()).status).toBe('OPEN');
    expect(fromSearchParams(new URLSearchParams('status=ALL')).status).toBe('');
    const filters = { ...DEFAULT_FILTERS, status: '' as const, sku: 'SKU0001*', minImpact: '50', ongoing: 'true' as const, order: 'NEWEST' as const };
    expect(fromSearchParams(toSearchParams(filters))).toEqual(filters);
    expect(toVariables(filters)).toMatchObject({ status: null, sku: null, skuPrefix: 'SKU0001', minImpact: 50, ongoing: true, orderBy: 'NEWEST' });
    expect(toExportQuery(filters)).toBe('sku_prefix=SKU0001&min_impact=50&ongoing=true&order=newest');
  });
});

describe('IncidentTable', () => {
  it('shows the money at stake, reason, status and whether it is still going, and selects a row', async () => {
    const onSelect = vi.fn();
    render(<IncidentTable rows={[incident(), incident({ id: '8', ongoing: true, status: 'ACKNOWLEDGED', assignee: 'bo', reason: 'PRICE_SPIKE' })]} selectedId={null} onSelect={onSelect} />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent('131.50');
    expect(within(rows[1]).getByText('ongoing')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Acknowledged')).toBeInTheDocument();
    expect(within(rows[1]).getByText('Price spike')).toBeInTheDocument();
    await userEvent.click(rows[1]);
    expect(onSelect).toHaveBeenCalledWith(expect.objectContaining({ id: '8' }));
  });
});

describe('IncidentPanel', () => {
  it('lets an analyst dismiss only with a note, then shows the change in the history', async () => {
    const requests: { query: string; variables: Record<string, unknown> }[] = [];
    renderPanel('ANALYST', requests);
    await userEvent.click(await screen.findByRole('button', { name: 'Dismiss' }));
    expect(screen.getByRole('alert')).toHaveTextContent('why this is a false positive');
    expect(requests.some((r) => r.query.includes('setIncidentStatus'))).toBe(false);

    await userEvent.type(screen.getByLabelText('Note'), 'planned clearance');
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(await screen.findByText(/ana set it Dismissed: planned clearance/)).toBeInTheDocument();
    expect(requests.find((r) => r.query.includes('setIncidentStatus'))!.variables).toEqual({ id: '7', status: 'DISMISSED', note: 'planned clearance' });
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeInTheDocument();
  });

  it('offers a viewer no changes', async () => {
    renderPanel('VIEWER', []);
    expect(await screen.findByText('No changes yet.')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Acknowledge' })).toBeNull();
    expect(screen.queryByLabelText('Comment')).toBeNull();
  });

  it('describes each kind of change', () => {
    const at = '2026-12-01T10:00:00.000Z';
    expect(describeEvent({ at, actor: 'pipeline', kind: 'REOPENED', from: 'RESOLVED', to: 'OPEN', text: 'new rows' })).toBe('2026-12-01 10:00 pipeline reopened it: new rows');
    expect(describeEvent({ at, actor: 'ana', kind: 'ASSIGNEE', from: 'bo', to: null, text: null })).toBe('2026-12-01 10:00 ana unassigned it');
    expect(describeEvent({ at, actor: 'ana', kind: 'COMMENT', from: null, to: null, text: 'hi' })).toBe('2026-12-01 10:00 ana commented: hi');
  });
});
