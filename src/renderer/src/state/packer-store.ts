/**
 * Who is packing at this station: chosen on the Pack screen, remembered across restarts in the
 * browser's storage (it is a preference of this screen, not data of the database), and sent with
 * every scan so the order's log says who packed it.
 */
import { create } from 'zustand';
import { persist } from 'zustand/middleware';

interface PackerState {
  packer: string;
  setPacker(packer: string): void;
}

export const usePacker = create<PackerState>()(
  persist((set) => ({ packer: '', setPacker: (packer) => set({ packer }) }), { name: 'packdesk.packer' }),
);
