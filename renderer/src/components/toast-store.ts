import { create } from 'zustand';

export type ToastKind = 'error' | 'info' | 'success';

export interface Toast {
  id: number;
  kind: ToastKind;
  message: string;
}

interface ToastState {
  toasts: Toast[];
  show(kind: ToastKind, message: string): void;
  dismiss(id: number): void;
}

let nextId = 1;
/** Errors stay longer: the user has to read what to do next. */
const LIFETIME_MS: Record<ToastKind, number> = { error: 12_000, info: 5_000, success: 4_000 };

export const useToasts = create<ToastState>()((set, get) => ({
  toasts: [],
  show(kind, message) {
    const id = nextId++;
    set({ toasts: [...get().toasts.slice(-4), { id, kind, message }] });
    setTimeout(() => get().dismiss(id), LIFETIME_MS[kind]);
  },
  dismiss(id) {
    set({ toasts: get().toasts.filter((toast) => toast.id !== id) });
  },
}));

export const toast = {
  error: (message: string) => useToasts.getState().show('error', message),
  info: (message: string) => useToasts.getState().show('info', message),
  success: (message: string) => useToasts.getState().show('success', message),
};
