import { describe, expect, it } from 'vitest';
import { atLeast } from './roles';

describe('atLeast', () => {
  it('orders the roles viewer < analyst < pricing manager < admin', () => {
    expect(atLeast('ANALYST', 'VIEWER')).toBe(true);
    expect(atLeast('ANALYST', 'ANALYST')).toBe(true);
    expect(atLeast('ANALYST', 'PRICING_MANAGER')).toBe(false);
    expect(atLeast('PRICING_MANAGER', 'ANALYST')).toBe(true);
    expect(atLeast('VIEWER', 'ANALYST')).toBe(false);
    expect(atLeast('ADMIN', 'PRICING_MANAGER')).toBe(true);
  });
});
