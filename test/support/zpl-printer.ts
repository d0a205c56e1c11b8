/**
 * A network label printer on 127.0.0.1 for tests: it takes raw bytes on its port like a Zebra on
 * 9100, keeps every job it received, and answers ~HS with the state set on it (paper out, head
 * open, paused), or not at all like a plain listener. It can be switched off (the port closes)
 * and on again at the same port.
 */
import { createServer, type Server, type Socket } from 'node:net';

export interface FakeZplPrinter {
  port: number;
  target: string;
  jobs: string[];
  paperOut: boolean;
  headOpen: boolean;
  paused: boolean;
  /** False: a plain 9100 listener that never answers ~HS (it then arrives in front of the job). */
  answersHostStatus: boolean;
  /** Resolves with the next job that arrives. */
  nextJob(): Promise<string>;
  switchOff(): Promise<void>;
  switchOn(): Promise<void>;
}

export async function startZplPrinter(port = 0): Promise<FakeZplPrinter> {
  let server: Server | null = null;
  const sockets = new Set<Socket>();
  const waiting: ((job: string) => void)[] = [];

  const printer: FakeZplPrinter = {
    port,
    target: '',
    jobs: [],
    paperOut: false,
    headOpen: false,
    paused: false,
    answersHostStatus: true,
    nextJob: () => new Promise((resolve) => waiting.push(resolve)),
    async switchOff() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve()));
      server = null;
    },
    async switchOn() {
      server = createServer((socket) => {
        sockets.add(socket);
        let data = '';
        socket.on('data', (chunk: Buffer) => {
          data += chunk.toString('utf8');
          if (data === '~HS' && printer.answersHostStatus) {
            // ZPL's ~HS answer: line 1 field 2 paper out, field 3 paused; line 2 field 3 head up.
            const flag = (on: boolean) => (on ? '1' : '0');
            socket.write(
              `\x02030,${flag(printer.paperOut)},${flag(printer.paused)},1245,000,0,0,0,000,0,0,0\x03\r\n` +
                `\x02000,0,${flag(printer.headOpen)},0,1,2,4,0,00000000,1,000\x03\r\n\x021234,0\x03\r\n`,
            );
            data = '';
          }
        });
        socket.on('end', () => {
          if (data !== '') {
            printer.jobs.push(data);
            waiting.splice(0).forEach((resolve) => resolve(data));
          }
          socket.end();
        });
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => undefined);
      });
      await new Promise<void>((resolve) => server!.listen(printer.port, '127.0.0.1', resolve));
      const address = server.address();
      if (address && typeof address === 'object') printer.port = address.port;
      printer.target = `127.0.0.1:${printer.port}`;
    },
  };
  await printer.switchOn();
  return printer;
}
