export const pct = (value: number | null | undefined) => (value == null ? '—' : `${value.toFixed(1)} %`);
export const money = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(2));
export const score = (value: number | null | undefined) => (value == null ? '—' : value.toFixed(3));
export const count = (value: number) => value.toLocaleString('en-US');
export const units = (value: number | null | undefined) => (value == null ? '—' : value.toLocaleString('en-US', { maximumFractionDigits: 1 }));
