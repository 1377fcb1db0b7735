import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { MemoryRouter } from 'react-router-dom';
import type { AlertSubscription } from '../api/types';
import { SessionProvider, sessionOf } from '../auth/SessionContext';
import type { Role } from '../auth/roles';
import { AlertsPage } from './AlertsPage';
import { draftOf, emptyDraft, parseDraft } from './subscriptionForm';

const subscription = (over: Partial<AlertSubscription> = {}): AlertSubscription => ({
  id: '3', name: 'EU margins', reasons: ['NEGATIVE_MARGIN'], materialGroups: [], salesOrgs: ['1000'], minSeverity: null, minImpact: 50,
  channel: 'WEBHOOK', target: 'https://hooks.example.com/p', hasSecret: true, mode: 'DIGEST', enabled: true, failing: false, createdBy: 'pm', ...over,
});

describe('the subscription form', () => {
  it('sends lists and numbers, a secret only when typed, and names the first problem', () => {
    const draft = { ...emptyDraft(), name: ' Margins ', channel: 'WEBHOOK' as const, target: 'https://x.example.com', salesOrgs: '1000, 2000', minImpact: '25' };
    expect(parseDraft(draft)).toEqual({
      name: 'Margins', reasons: [], materialGroups: [], salesOrgs: ['1000', '2000'], minSeverity: null, minImpact: 25, channel: 'WEBHOOK',
      target: 'https://x.example.com', mode: 'DIGEST', enabled: true,
    });
    expect(parseDraft({ ...draft, secret: 's' })).toMatchObject({ secret: 's' });
    expect(parseDraft({ ...draft, channel: 'SLACK_WEBHOOK', secret: 's' })).not.toHaveProperty('secret');
    expect(parseDraft({ ...draft, name: ' ' })).toBe('Give the subscription a name.');
    expect(parseDraft({ ...draft, target: 'hooks.example.com' })).toBe('The URL starts with http:// or https://.');
    expect(parseDraft({ ...draft, channel: 'EMAIL', target: 'a@example.com, nobody' })).toBe('Each address looks like name@example.com.');
    expect(parseDraft({ ...draft, minImpact: '-1' })).toContain('at least 0');
    expect(parseDraft(draftOf(subscription()))).toMatchObject({ salesOrgs: ['1000'], minImpact: 50, reasons: ['NEGATIVE_MARGIN'] });
  });
});

function renderPage(role: Role, requests: { query: string; variables: Record<string, unknown> }[]) {
  vi.stubGlobal('fetch', vi.fn(async (_url: string, init?: RequestInit) => {
    const request = JSON.parse(String(init?.body));
    requests.push(request);
    const json = (data: unknown) => new Response(JSON.stringify({ data }), { status: 200, headers: { 'content-type': 'application/json' } });
    if (request.query.includes('testAlertSubscription'))
      return json({ testAlertSubscription: { id: '9', subscriptionId: '3', subscription: 'EU margins', channel: 'WEBHOOK', incidents: [], attempts: 1,
        status: 'PENDING', error: 'the receiver answered 500', createdAt: '2026-12-01T10:00:00Z', sentAt: null, test: true } });
    if (request.query.includes('alertDeliveries')) return json({ alertDeliveries: [] });
    return json({ alertSubscriptions: [subscription({ failing: true })] });
  }));
  render(
    <QueryClientProvider client={new QueryClient()}>
      <SessionProvider value={sessionOf({ name: 'pm', role, csrfToken: 't' }, () => {})}>
        <MemoryRouter><AlertsPage /></MemoryRouter>
      </SessionProvider>
    </QueryClientProvider>,
  );
}

describe('AlertsPage', () => {
  it('lists subscriptions with their filters and failing state, and shows a failed test message', async () => {
    const requests: { query: string; variables: Record<string, unknown> }[] = [];
    renderPage('PRICING_MANAGER', requests);
    const row = await screen.findByRole('row', { name: /EU margins/ });
    expect(row).toHaveTextContent('NEGATIVE_MARGIN; sales orgs 1000; at least 50 at stake');
    expect(within(row).getByText('failing')).toBeInTheDocument();

    await userEvent.click(within(row).getByRole('button', { name: 'Send test' }));
    expect(await screen.findByRole('status')).toHaveTextContent('The test message failed: the receiver answered 500');
    expect(requests.find((r) => r.query.includes('testAlertSubscription'))?.variables).toEqual({ id: '3' });
  });

  it('is closed to analysts', () => {
    renderPage('ANALYST', []);
    expect(screen.getByText('Alert subscriptions are for pricing managers.')).toBeInTheDocument();
  });
});
