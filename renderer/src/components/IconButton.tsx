import type { ButtonHTMLAttributes, ReactNode } from 'react';

type Props = { label: string; children: ReactNode } & Omit<ButtonHTMLAttributes<HTMLButtonElement>, 'aria-label' | 'title' | 'type'>;

/** A button that shows only an icon: its label is both the accessible name and the tooltip. */
export function IconButton({ label, className, children, ...rest }: Props) {
  return (
    <button type="button" className={className ? `icon-button ${className}` : 'icon-button'} aria-label={label} title={label} {...rest}>
      {children}
    </button>
  );
}
