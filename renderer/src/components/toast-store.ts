import { create } from 'zustand';

export type ToastKind = 'error' | 'info' | 'success';

/** One button on a toast (Undo, Show in folder); the toast closes when it is used. */
export interface ToastAction {
  label: string;
  run(): void;
}

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
  action?: ToastAction;
}

interface ToastState {
  toasts: Toast[];
  show(kind: ToastKind, message: string, action?: ToastAction): void;
  dismiss(id: number): void;
}

let nextId = 1;
/** Errors stay longer: the user has to read what to do next. */
const LIFETIME_MS: Record<ToastKind, number> = { error: 12_000, info: 5_000, success: 4_000 };
/** Long enough to notice the toast and reach its button. */
const ACTION_LIFETIME_MS = 8_000;

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(kind, message, action) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, message, action }] });
    setTimeout(() => get().dismiss(id), action ? Math.max(ACTION_LIFETIME_MS, LIFETIME_MS[kind]) : LIFETIME_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

export const toast = {
  error: (message: string) => useToasts.getState().show('error', message),
  info: (message: string, action?: ToastAction) => useToasts.getState().show('info', message, action),
  success: (message: string, action?: ToastAction) => useToasts.getState().show('success', message, action),
};
