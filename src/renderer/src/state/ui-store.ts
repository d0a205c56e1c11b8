/**
 * UI state only: which screen, tab, search and selection the packer has in front of them.
 * Everything that lives in the database is react-query's (api/queries.ts), never copied here.
 */
import { create } from 'zustand';
import type { GenerateLabelsResult, PullResult } from '../../../shared/dto';
import type { LabelChoice } from '../../../shared/carriers';
import type { OrderStatus } from '../../../shared/statuses';
import type { QueueSource } from '../api/queue-source';

export interface LabelRun {
  result: GenerateLabelsResult;
  /** Order numbers of the ids sent, as they were on screen: the answer carries only ids. */
  orderNumbers: Readonly<Record<number, string>>;
  /** Orders a cancelled run never reached: they kept their status. */
  notStarted?: number;
}

/** A bulk run main is working on (labels.start), watched through labels.runStatus. */
export interface ActiveLabelRun {
  runId: string;
  total: number;
  orderNumbers: Readonly<Record<number, string>>;
}

export type Screen =
  | 'orders'
  | 'inbound'
  | 'batches'
  | 'pack'
  | 'exceptions'
  | 'dashboard'
  | 'printers'
  | 'outbox'
  | 'channels'
  | 'settings';
export type StatusTab = OrderStatus | 'all';

interface UiState {
  screen: Screen;
  statusTab: StatusTab;
  /** What is in the search box, as typed. */
  searchText: string;
  /** The search the queue shows: searchText, trimmed, once typing pauses (or on Enter). */
  search: string;
  /** Which channel or store the queue shows ('' every shop). */
  source: QueueSource;
  selected: ReadonlySet<number>;
  openOrderId: number | null;
  /** The pull that filled the queue on first start, shown once as a welcome banner. */
  firstPull: PullResult | null;
  /** The last bulk label run, shown until dismissed or replaced. */
  labelRun: LabelRun | null;
  /** The run in progress, until it ends and becomes labelRun. */
  activeRun: ActiveLabelRun | null;
  /** Null: no pick for the run, so each order goes with its own choice or its shop's default. */
  labelChoice: LabelChoice | null;

  setScreen(screen: Screen): void;
  setStatusTab(tab: StatusTab): void;
  setSearchText(text: string): void;
  setSearch(search: string): void;
  setSource(source: QueueSource): void;
  toggleSelected(id: number): void;
  setSelected(ids: readonly number[], on: boolean): void;
  replaceSelection(ids: readonly number[]): void;
  clearSelection(): void;
  openOrder(id: number | null): void;
  setFirstPull(result: PullResult | null): void;
  setLabelRun(run: LabelRun | null): void;
  setActiveRun(run: ActiveLabelRun | null): void;
  setLabelChoice(choice: LabelChoice | null): void;
}

const NONE: ReadonlySet<number> = new Set();

export const useUi = create<UiState>((set) => ({
  screen: 'orders',
  statusTab: 'all',
  searchText: '',
  search: '',
  source: '',
  selected: NONE,
  openOrderId: null,
  firstPull: null,
  labelRun: null,
  activeRun: null,
  labelChoice: null,

  setScreen: (screen) => set({ screen }),
  // A new filter shows other rows: a selection of rows no longer visible would be a trap.
  setStatusTab: (statusTab) => set((s) => (s.statusTab === statusTab ? s : { statusTab, selected: NONE })),
  setSearchText: (searchText) => set({ searchText }),
  setSearch: (search) => set((s) => (s.search === search ? s : { search, selected: NONE })),
  setSource: (source) => set((s) => (s.source === source ? s : { source, selected: NONE })),
  toggleSelected: (id) =>
    set((s) => {
      const next = new Set(s.selected);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return { selected: next };
    }),
  setSelected: (ids, on) =>
    set((s) => {
      const next = new Set(s.selected);
      for (const id of ids) {
        if (on) next.add(id);
        else next.delete(id);
      }
      return { selected: next };
    }),
  replaceSelection: (ids) => set({ selected: new Set(ids) }),
  clearSelection: () => set({ selected: NONE }),
  openOrder: (openOrderId) => set({ openOrderId }),
  setFirstPull: (firstPull) => set({ firstPull }),
  setLabelRun: (labelRun) => set({ labelRun }),
  setActiveRun: (activeRun) => set({ activeRun }),
  setLabelChoice: (labelChoice) => set({ labelChoice }),
}));
