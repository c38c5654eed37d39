/**
 * Temporary folders that disappear with the script, however it ends: `finally` blocks do not run when
 * Ctrl-C ends a script through `process.exit`, so every folder made here is also removed by an exit hook.
 */
import { accessSync, constants, existsSync, rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const owned = new Set<string>();

process.on('exit', () => {
	for (const dir of owned) {
		try {
			rmSync(dir, { recursive: true, force: true });
		} catch {
			// nothing more can be done while exiting
		}
	}
});

/** A RAM-backed folder when the machine has one, so that a secret written for a child process never reaches a disk. */
function secretBase(): string {
	try {
		if (existsSync('/dev/shm')) {
			accessSync('/dev/shm', constants.W_OK);
			return '/dev/shm';
		}
	} catch {
		// not writable: fall back to the usual temp folder
	}
	return tmpdir();
}

export async function makeTempDir(prefix: string, options: { secret?: boolean } = {}): Promise<string> {
	const dir = await mkdtemp(join(options.secret ? secretBase() : tmpdir(), prefix));
	owned.add(dir);
	if (options.secret) await chmod(dir, 0o700);
	return dir;
}

export async function removeTempDir(dir: string): Promise<void> {
	await rm(dir, { recursive: true, force: true, maxRetries: 3 });
	owned.delete(dir);
}

/** Runs `work` with a fresh temporary folder and removes it afterwards (or at exit, if the script is stopped). */
export async function withTempDir<T>(prefix: string, work: (dir: string) => Promise<T>, options: { secret?: boolean } = {}): Promise<T> {
	const dir = await makeTempDir(prefix, options);
	try {
		return await work(dir);
	} finally {
		await removeTempDir(dir);
	}
}
