import { create } from 'zustand';

/** Whether the headless server refused our token: the whole page then explains how to get in. */
interface SessionState {
  unauthorized: boolean;
  setUnauthorized(): void;
}

export const useSession = create<SessionState>((set) => ({
  unauthorized: false,
  setUnauthorized: () => set({ unauthorized: true }),
}));
