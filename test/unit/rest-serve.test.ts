/**
 * `serve` as a user starts it, without PACKDESK_HOST: its socket takes connections on 127.0.0.1
 * only. Linux routes all of 127.0.0.0/8 to the loopback device, so a server bound to every
 * address would answer on 127.0.0.2 too; one bound to 127.0.0.1 refuses it.
 */
import { spawn } from 'node:child_process';
import { connect } from 'node:net';
import { describe, expect, it, onTestFinished } from 'vitest';
import { useTempDir } from '../support/temp-dir';

const tempDir = useTempDir();

function reach(host: string, port: number): Promise<'connected' | string> {
  return new Promise((resolve) => {
    const socket = connect({ host, port }, () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
  });
}

describe('serve', () => {
  it('binds 127.0.0.1 when PACKDESK_HOST is not set', async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, PACKDESK_DATA_DIR: tempDir(), PACKDESK_PORT: '0' };
    delete env.PACKDESK_HOST;
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main/serve.ts'], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    onTestFinished(() => void child.kill('SIGTERM'));
    let output = '';
    const ready = await new Promise<string>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /PackDesk is ready: (\S+)/.exec(output);
        if (match?.[1]) resolve(match[1]);
      });
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${output}`)));
    });
    const url = new URL(ready);
    expect(url.hostname).toBe('127.0.0.1');
    const port = Number(url.port);
    expect(await reach('127.0.0.1', port)).toBe('connected');
    expect(await reach('127.0.0.2', port)).toBe('ECONNREFUSED');
  }, 30_000);
});
