/** Printers and print jobs: the words both sides of the contract use. */
export const PRINTER_DRIVERS = ['tcp', 'cups', 'system'] as const;
export type PrinterDriverKind = (typeof PRINTER_DRIVERS)[number];

/** 4x6 in (100x150 mm) thermal labels, or A4 office paper. */
export const PRINTER_MEDIA = ['4x6', 'A4'] as const;
export type PrinterMedia = (typeof PRINTER_MEDIA)[number];

export const PRINTER_LANGUAGES = ['zpl', 'pdf'] as const;
export type PrinterLanguage = (typeof PRINTER_LANGUAGES)[number];

/** What a job prints; each kind goes to the default printer of its media unless one is chosen. */
export const PRINT_KINDS = ['label', 'packing_slip', 'pick_list', 'test'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

export const MEDIA_OF_KIND: Record<Exclude<PrintKind, 'test'>, PrinterMedia> = {
  label: '4x6',
  packing_slip: 'A4',
  pick_list: 'A4',
};

/**
 * queued: waits its turn; printing: being sent now; waiting: the printer did not take it and it
 * is tried again later by itself; printed: the printer (or its spooler) has it; failed: it cannot
 * print as it is (needs a person); cancelled: a person stopped it.
 */
export const PRINT_JOB_STATES = ['queued', 'printing', 'waiting', 'printed', 'failed', 'cancelled'] as const;
export type PrintJobState = (typeof PRINT_JOB_STATES)[number];

/** ready: takes jobs; offline: does not answer; attention: answers but cannot print (paper, head, paused). */
export const PRINTER_STATES = ['ready', 'offline', 'attention', 'unknown'] as const;
export type PrinterState = (typeof PRINTER_STATES)[number];
