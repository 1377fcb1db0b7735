import { cloneElement, type ReactElement } from 'react';

/** A labelled control; the control is named by the label's text alone (a wrapping label would also read out a select's options). */
export function Field({ label, children }: { label: string; children: ReactElement<{ 'aria-label'?: string }> }) {
  return <label>{label}{cloneElement(children, { 'aria-label': label })}</label>;
}
