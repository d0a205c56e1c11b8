/**
 * A CUPS queue through its command-line tools: `lp -d QUEUE` to print (`-o raw` for ZPL, so no
 * filter touches the printer's own language) and `lpstat` for state and the list of queues. Once
 * `lp` has the job, CUPS keeps it on disk through its own restarts and a printer that is off.
 */
import { execFile, spawn } from 'node:child_process';
import type { DiscoveredPrinter, PrinterStatus } from '../../../shared/dto';
import type { PrinterMedia } from '../../../shared/printing';
import { PrinterUnavailable, type PrinterDriver, type PrintPayload } from './printer-driver';

/** CUPS names of our media: a 4x6 label page must not be laid on the queue's default A4. */
const CUPS_MEDIA: Record<PrinterMedia, string> = { '4x6': 'Custom.4x6in', A4: 'A4' };

const QUEUE_NAME = /^[^\s/#\\"']{1,127}$/;

function checkQueue(queue: string): string {
  const name = queue.trim();
  if (!QUEUE_NAME.test(name)) throw new Error(`"${queue}" is not a CUPS queue name (lpstat -p lists them).`);
  return name;
}

export function createCupsPrinterDriver(): PrinterDriver {
  return {
    kind: 'cups',
    async send(target: string, payload: PrintPayload): Promise<void> {
      const queue = checkQueue(target);
      const args = [
        ...['-d', queue, '-t', payload.title],
        ...(payload.format === 'zpl' ? ['-o', 'raw'] : ['-o', `media=${CUPS_MEDIA[payload.media]}`]),
      ];
      const { code, stderr } = await run('lp', args, payload.bytes);
      if (code === 0) return;
      throw await cupsError(queue, stderr);
    },

    async status(target: string): Promise<PrinterStatus> {
      const queue = checkQueue(target);
      const { code, stdout, stderr } = await run('lpstat', ['-p', queue]);
      if (code !== 0) return { state: 'offline', message: (await cupsError(queue, stderr)).message };
      return statusOf(stdout);
    },
  };
}

/** The queues CUPS knows, for the add-printer form. */
export async function listCupsQueues(): Promise<DiscoveredPrinter[]> {
  const { code, stdout } = await run('lpstat', ['-p']).catch(() => ({ code: 1, stdout: '', stderr: '' }));
  if (code !== 0) return [];
  return [...stdout.matchAll(/^printer (\S+) (.*)$/gm)].map((m) => ({
    driver: 'cups' as const,
    target: m[1]!,
    description: `CUPS: ${m[2]!.replace(/\s+/g, ' ').trim()}`,
  }));
}

/** `printer PDF is idle.  enabled since …`, or `printer X disabled since … -\n\treason`. */
function statusOf(lpstat: string): PrinterStatus {
  const reason = lpstat.split('\n').slice(1).join(' ').replace(/\s+/g, ' ').trim();
  if (/\bdisabled since\b/.test(lpstat)) {
    return {
      state: 'attention',
      message: `CUPS has paused this queue${reason ? `: ${reason}` : ''}. Jobs wait in CUPS.`,
    };
  }
  if (/\bis now printing\b/.test(lpstat)) return { state: 'ready', message: 'Printing.' };
  return { state: 'ready', message: reason && reason !== 'Paused' ? `Ready (${reason}).` : 'Ready.' };
}

async function cupsError(queue: string, stderr: string): Promise<Error> {
  if (/does not exist|Unknown destination|not found|Invalid destination/i.test(stderr)) {
    // lp says the same when the scheduler is not running (just after boot, say): then the job waits.
    if (!(await schedulerRunning())) return notRunning();
    // The scheduler came up while lp was asking: the queue is there, so the job waits for a retry.
    if ((await run('lpstat', ['-p', queue])).code === 0) return notRunning();
    return new Error(`CUPS has no printer queue called "${queue}". Check the name (lpstat -p lists them).`);
  }
  if (/not accepting jobs/i.test(stderr)) {
    return new PrinterUnavailable(`The CUPS queue "${queue}" is not accepting jobs right now (cupsaccept ${queue}).`);
  }
  if (/scheduler is not running|Unable to connect|Bad file descriptor|connection refused/i.test(stderr)) {
    return notRunning();
  }
  return new PrinterUnavailable(`CUPS did not take the job for "${queue}": ${stderr.trim() || 'no reason given'}.`);
}

function notRunning(): PrinterUnavailable {
  return new PrinterUnavailable('The print service (CUPS) on this computer is not running. Jobs wait until it is.');
}

async function schedulerRunning(): Promise<boolean> {
  const { stdout } = await run('lpstat', ['-r']);
  return /\bscheduler is running\b/.test(stdout);
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a CUPS tool with no shell; a missing tool means CUPS is not installed. */
function run(command: string, args: string[], input?: Uint8Array): Promise<RunResult> {
  if (input === undefined) {
    return new Promise((resolve, reject) => {
      execFile(command, args, { timeout: 10_000 }, (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(notInstalled(command));
        else resolve({ code: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr });
      });
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? notInstalled(command) : error),
    );
    child.once('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.on('error', () => undefined); // lp may exit before reading all of a refused job
    child.stdin.end(input);
  });
}

function notInstalled(command: string): Error {
  return new Error(`CUPS is not installed on this computer (no "${command}" command).`);
}
