/** The small shared UI kit: every screen builds from these, so spacing, focus and errors look the same. */
import {
  useEffect,
  useId,
  type ButtonHTMLAttributes,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';
import { messageOf } from '../api/client.ts';

/** Sets document.title: every page has a title (accessibility, tabs, history). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Groundwork` : 'Groundwork';
  }, [title]);
}

type Variant = 'primary' | 'secondary' | 'danger' | 'ghost';
export function Button({
  variant = 'secondary',
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { variant?: Variant }) {
  return <button type="button" className={`btn btn-${variant} ${className}`} {...rest} />;
}

/** A JSON pointer → a DOM id, so a lint finding can focus the field it is about. */
export const fieldId = (pointer: string): string => `field${pointer.replace(/[^A-Za-z0-9_-]/g, '-')}`;

interface FieldProps {
  label: string;
  /** JSON pointer of the value this field edits; gives the input its id (see fieldId). */
  pointer?: string;
  hint?: ReactNode;
  error?: string;
  children: (props: { id: string; 'aria-describedby'?: string; 'aria-invalid'?: boolean }) => ReactNode;
}

export function Field({ label, pointer, hint, error, children }: FieldProps) {
  const generated = useId();
  const id = pointer !== undefined ? fieldId(pointer) : generated;
  const hintId = `${id}-hint`;
  const describedBy = hint || error ? hintId : undefined;
  return (
    <div className={`field${error ? ' field-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-describedby': describedBy, 'aria-invalid': error ? true : undefined })}
      {(hint || error) && (
        <div id={hintId} className={error ? 'field-message error' : 'field-message'}>
          {error ?? hint}
        </div>
      )}
    </div>
  );
}

export const TextInput = ({
  label,
  pointer,
  hint,
  error,
  ...input
}: Omit<FieldProps, 'children'> & InputHTMLAttributes<HTMLInputElement>) => (
  <Field label={label} pointer={pointer} hint={hint} error={error}>
    {(a) => <input {...a} {...input} />}
  </Field>
);

export const TextArea = ({
  label,
  pointer,
  hint,
  error,
  ...input
}: Omit<FieldProps, 'children'> & TextareaHTMLAttributes<HTMLTextAreaElement>) => (
  <Field label={label} pointer={pointer} hint={hint} error={error}>
    {(a) => <textarea rows={3} {...a} {...input} />}
  </Field>
);

export const Select = ({
  label,
  pointer,
  hint,
  error,
  children,
  ...input
}: Omit<FieldProps, 'children'> & SelectHTMLAttributes<HTMLSelectElement>) => (
  <Field label={label} pointer={pointer} hint={hint} error={error}>
    {(a) => (
      <select {...a} {...input}>
        {children}
      </select>
    )}
  </Field>
);

export function Card({
  title,
  actions,
  children,
  className = '',
}: {
  title?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}) {
  return (
    <section className={`card ${className}`}>
      {(title || actions) && (
        <header className="card-header">
          {title && <h2>{title}</h2>}
          {actions && <div className="card-actions">{actions}</div>}
        </header>
      )}
      {children}
    </section>
  );
}

/** What to do next when there is nothing yet: never a blank screen. */
export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty-state">
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action}
    </div>
  );
}

export function Badge({
  tone = 'neutral',
  children,
}: {
  tone?: 'neutral' | 'error' | 'warning' | 'ok' | 'strategy' | 'campaign';
  children: ReactNode;
}) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** `children`: what to do about it (a link), after the message. */
export function ErrorBanner({ error, children }: { error: unknown; children?: ReactNode }) {
  if (!error) return null;
  return (
    <div className="banner banner-error" role="alert">
      {messageOf(error)}
      {children && <> {children}</>}
    </div>
  );
}

export function Loading({ what = 'Loading' }: { what?: string }) {
  return (
    <p className="loading" role="status">
      {what}…
    </p>
  );
}
