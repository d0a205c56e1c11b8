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
      throw await lpError(queue, stderr);
    },

    async status(target: string): Promise<PrinterStatus> {
      const queue = checkQueue(target);
      const asked = await askScheduler(queue);
      if (!asked.running) return { state: 'offline', message: notRunning().message };
      if (!asked.queueKnown) return { state: 'offline', message: refusal(queue, asked.stderr).message };
      return statusOf(asked.printerLines);
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

/** Why lp did not take the job. lp says "does not exist" also while the scheduler is down. */
async function lpError(queue: string, stderr: string): Promise<Error> {
  if (!NO_QUEUE.test(stderr)) return refusal(queue, stderr);
  const asked = await askScheduler(queue);
  // Just after boot, say: the job waits for CUPS.
  if (!asked.running) return notRunning();
  // Between lp and lpstat the scheduler came up, or the queue was added: the next try finds it.
  if (asked.queueKnown) {
    return new PrinterUnavailable(
      `CUPS did not know the queue "${queue}" when the job was sent, but has it now (CUPS was starting, or the queue was just added). The job is sent again in a moment.`,
    );
  }
  return refusal(queue, stderr);
}

const NO_QUEUE = /does not exist|Unknown destination|not found|Invalid destination/i;

/** lp's or lpstat's complaint (in the C locale, see run) in words a packer can act on. */
function refusal(queue: string, stderr: string): Error {
  if (NO_QUEUE.test(stderr)) {
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

/**
 * One `lpstat -r -p QUEUE`: whether the scheduler runs and whether it has the queue. With the
 * scheduler down lpstat says only that, and exits 0.
 */
async function askScheduler(
  queue: string,
): Promise<{ running: boolean; queueKnown: boolean; printerLines: string; stderr: string }> {
  const { code, stdout, stderr } = await run('lpstat', ['-r', '-p', queue]);
  const running = /^scheduler is running$/m.test(stdout);
  const printerLines = stdout.replace(/^scheduler is running\n/m, '');
  return { running, queueKnown: running && code === 0 && /^printer /m.test(printerLines), printerLines, stderr };
}

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a CUPS tool with no shell; a missing tool means CUPS is not installed. In the C locale, as
 * CUPS translates its messages (a German desk's lp says "Fehler - Der Drucker oder die Klasse
 * existiert nicht.") and they are read here. LC_MESSAGES too: CUPS reads it past an LC_ALL of C.
 */
function run(command: string, args: string[], input?: Uint8Array): Promise<RunResult> {
  const env = { ...process.env, LC_ALL: 'C', LC_MESSAGES: 'C', LANG: 'C' };
  if (input === undefined) {
    return new Promise((resolve, reject) => {
      execFile(command, args, { timeout: 10_000, env }, (error, stdout, stderr) => {
        if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(notInstalled(command));
        else resolve({ code: error ? Number(error.code ?? 1) || 1 : 0, stdout, stderr });
      });
    });
  }
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'], env });
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
