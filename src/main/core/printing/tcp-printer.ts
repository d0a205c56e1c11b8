/**
 * Raw TCP, the "JetDirect" port 9100 of network label printers: the document's bytes go down the
 * socket as they are. A Zebra also answers ~HS (host status) on the same port, which tells paper
 * out, pause and head open apart from "ready". A Zebra takes a job it cannot print all the same,
 * so a ZPL job asks ~HS first and waits in the queue while the printer needs a hand; a printer
 * that does not answer ~HS (not every 9100 device does) is taken as ready once it accepts the
 * connection.
 */
import { connect, type Socket } from 'node:net';
import type { PrinterStatus } from '../../../shared/dto';
import { PrinterUnavailable, type PrinterDriver, type PrintPayload } from './printer-driver';

export interface TcpPrinterOptions {
  /** How long a printer may take to accept the connection or the data. */
  timeoutMs?: number;
  /** How long to wait for the answer to ~HS. */
  statusTimeoutMs?: number;
}

const DEFAULT_PORT = 9100;

export function parseTcpTarget(target: string): { host: string; port: number } {
  const match = /^\s*(\[[^\]]+\]|[^:\s]+)(?::(\d{1,5}))?\s*$/.exec(target);
  const port = match?.[2] === undefined ? DEFAULT_PORT : Number(match[2]);
  if (!match || port < 1 || port > 65535) {
    throw new Error(`"${target}" is not a printer address: write it as 192.168.1.50 or 192.168.1.50:9100.`);
  }
  return { host: match[1]!.replace(/^\[|\]$/g, ''), port };
}

export function createTcpPrinterDriver(opts: TcpPrinterOptions = {}): PrinterDriver {
  const timeoutMs = opts.timeoutMs ?? 5000;
  const statusTimeoutMs = opts.statusTimeoutMs ?? 800;

  return {
    kind: 'tcp',
    async send(target: string, payload: PrintPayload): Promise<void> {
      const { host, port } = parseTcpTarget(target);
      const socket = await open(host, port, timeoutMs);
      // ~HS is ZPL: a device that takes PDF on 9100 would read it as the start of its document.
      if (payload.format === 'zpl') {
        const answer = await hostStatus(socket, statusTimeoutMs);
        if (answer && answer.state !== 'ready') {
          socket.destroy();
          throw new PrinterUnavailable(answer.message);
        }
      }
      await new Promise<void>((resolve, reject) => {
        let flushed = false;
        socket.once('finish', () => (flushed = true));
        // A printer that keeps the connection open after the last byte has the job all the same.
        socket.setTimeout(timeoutMs, () => {
          if (flushed) {
            socket.destroy();
            resolve();
          } else socket.destroy(new PrinterUnavailable(`The label printer at ${host}:${port} stopped taking data.`));
        });
        socket.once('error', (error) => reject(unavailable(host, port, error)));
        socket.once('close', (hadError) => {
          if (!hadError) resolve();
        });
        // end() flushes and half-closes; the printer closing its side means it has the whole job.
        socket.end(payload.bytes);
      });
    },

    async status(target: string): Promise<PrinterStatus> {
      const { host, port } = parseTcpTarget(target);
      let socket: Socket;
      try {
        socket = await open(host, port, Math.min(timeoutMs, 2000));
      } catch (error) {
        return { state: 'offline', message: (error as Error).message };
      }
      try {
        const answer = await hostStatus(socket, statusTimeoutMs);
        return answer ?? { state: 'ready', message: `Answers at ${host}:${port}.` };
      } finally {
        socket.destroy();
      }
    },
  };
}

function open(host: string, port: number, timeoutMs: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      reject(unavailable(host, port, new Error('timeout')));
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.removeAllListeners('error');
      resolve(socket);
    });
    socket.once('error', (error) => {
      clearTimeout(timer);
      reject(unavailable(host, port, error));
    });
  });
}

function unavailable(host: string, port: number, error: Error): PrinterUnavailable {
  if (error instanceof PrinterUnavailable) return error;
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new PrinterUnavailable(`No printer is known by the name ${host}. Check the printer's address.`);
  }
  return new PrinterUnavailable(`The label printer at ${host}:${port} did not answer — is it switched on?`);
}

/**
 * ~HS answers three <STX>…<ETX> lines. Line 1, field 2: paper out; field 3: paused.
 * Line 2, field 3: head open; field 4: ribbon out.
 */
function hostStatus(socket: Socket, timeoutMs: number): Promise<PrinterStatus | null> {
  return new Promise((resolve) => {
    let text = '';
    const done = (value: PrinterStatus | null) => {
      clearTimeout(timer);
      socket.off('data', onData);
      socket.off('error', onError);
      resolve(value);
    };
    const onError = () => done(null);
    const timer = setTimeout(() => done(null), timeoutMs);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      // Each line sits between STX (0x02) and ETX (0x03).
      const lines = text
        .split('\u0002')
        .slice(1)
        .filter((part) => part.includes('\u0003'))
        .map((part) => part.slice(0, part.indexOf('\u0003')).split(','));
      if (lines.length < 2) return;
      const [first = [], second = []] = lines;
      if (first[1] === '1') done({ state: 'attention', message: 'The printer is out of labels.' });
      else if (second[2] === '1') done({ state: 'attention', message: 'The print head is open.' });
      else if (second[3] === '1') done({ state: 'attention', message: 'The ribbon is out.' });
      else if (first[2] === '1') done({ state: 'attention', message: 'The printer is paused.' });
      else done({ state: 'ready', message: 'Ready.' });
    };
    socket.on('data', onData);
    socket.on('error', onError);
    socket.write('~HS');
  });
}
