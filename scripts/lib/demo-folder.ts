/**
 * The demo's persistent n8n folder (`.n8n-demo`): one `npm start` at a time owns it (a lock file with
 * its PID), and a small state file remembers what the example credential and workflow were made for,
 * so that a restart keeps them (and the user's edits) and the simulator comes back on the same port.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';

export interface DemoState {
	/** What the example credential points at: the simulator, or a real Chatwoot's instance root. */
	target: { kind: 'simulator' | 'chatwoot'; baseUrl: string; accountId: number; inboxId: number };
	/** The port the demo's simulator listens on, kept between runs because the credential names it. */
	simulatorPort?: number;
}

const STATE_FILE = 'demo-state.json';
const LOCK_FILE = 'demo.lock';

export function readDemoState(folder: string): DemoState | undefined {
	try {
		return JSON.parse(readFileSync(join(folder, STATE_FILE), 'utf8')) as DemoState;
	} catch {
		return undefined;
	}
}

export function writeDemoState(folder: string, state: DemoState): void {
	writeFileSync(join(folder, STATE_FILE), `${JSON.stringify(state, null, 2)}\n`);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

export class DemoBusyError extends Error {}

/**
 * Takes the folder for this process, or throws when another live `npm start` holds it. The lock is
 * released at exit, including a Ctrl-C exit; a lock left by a killed process is taken over.
 */
export async function lockDemoFolder(folder: string): Promise<void> {
	await mkdir(folder, { recursive: true });
	const lock = join(folder, LOCK_FILE);
	for (let attempt = 0; attempt < 2; attempt++) {
		try {
			writeFileSync(lock, String(process.pid), { flag: 'wx' });
			process.on('exit', () => rmSync(lock, { force: true }));
			return;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(readFileSync(lock, 'utf8').trim());
			if (Number.isInteger(holder) && holder > 0 && alive(holder)) {
				throw new DemoBusyError(
					`Another \`npm start\` (pid ${holder}) is using ${folder}. Stop it first (Ctrl-C in its terminal); ` +
						'two n8n processes must not share one database.',
				);
			}
			rmSync(lock, { force: true }); // left behind by a process that no longer exists
		}
	}
	throw new DemoBusyError(`could not lock ${folder}`);
}

/** True when nothing listens on 127.0.0.1:port (a listener on 0.0.0.0 or :: counts as busy too). */
export async function portIsFree(port: number): Promise<boolean> {
	return await new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', (error: NodeJS.ErrnoException) =>
			error.code === 'EADDRINUSE' || error.code === 'EACCES' ? resolve(false) : reject(error),
		);
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => server.close(() => resolve(true)));
	});
}

export function demoFolderExists(folder: string): boolean {
	return existsSync(join(folder, '.n8n', 'database.sqlite'));
}
