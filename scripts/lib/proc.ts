import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export interface RunOptions {
	cwd?: string;
	env?: NodeJS.ProcessEnv;
	timeoutMs?: number;
	/** Echo the child's output to ours (prefixed) instead of only capturing it. */
	echo?: string;
	/** Called once with the child's PID right after it started (e.g. to sample its memory). */
	onSpawn?: (pid: number) => void;
}

export interface RunResult {
	code: number | null;
	signal: NodeJS.Signals | null;
	stdout: string;
	stderr: string;
	durationMs: number;
}

export class CommandError extends Error {
	constructor(
		message: string,
		readonly result: RunResult,
	) {
		super(message);
	}
}

function prefixLines(prefix: string, chunk: string): string {
	return chunk
		.split('\n')
		.filter((line) => line.length > 0)
		.map((line) => `${prefix} ${line}\n`)
		.join('');
}

/**
 * Every child gets its own process group so that a timeout or Ctrl-C can stop the child together
 * with whatever it spawned (npm → node-gyp → make, n8n → task runner), addressed by the child's PID.
 */
function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
	try {
		process.kill(-child.pid, signal);
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

export async function run(command: string, args: string[], options: RunOptions = {}): Promise<RunResult> {
	const begin = Date.now();
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	if (child.pid !== undefined) options.onSpawn?.(child.pid);
	let stdout = '';
	let stderr = '';
	child.stdout.setEncoding('utf8');
	child.stderr.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		stdout += chunk;
		if (options.echo) process.stdout.write(prefixLines(options.echo, chunk));
	});
	child.stderr.on('data', (chunk: string) => {
		stderr += chunk;
		if (options.echo) process.stderr.write(prefixLines(options.echo, chunk));
	});

	let timedOut = false;
	const timer =
		options.timeoutMs === undefined
			? undefined
			: setTimeout(() => {
					timedOut = true;
					killGroup(child, 'SIGTERM');
					setTimeout(() => killGroup(child, 'SIGKILL'), 5_000).unref();
				}, options.timeoutMs);
	const onParentExit = () => killGroup(child, 'SIGKILL');
	process.once('exit', onParentExit);
	try {
		const [code, signal] = (await once(child, 'close')) as [number | null, NodeJS.Signals | null];
		const result = { code, signal, stdout, stderr, durationMs: Date.now() - begin };
		const shown = `${command} ${args.join(' ')}`;
		if (timedOut) throw new CommandError(`timed out after ${options.timeoutMs} ms: ${shown}`, result);
		if (code !== 0) {
			const tail = (stderr || stdout).trim().split('\n').slice(-25).join('\n');
			throw new CommandError(`exit ${code ?? signal}: ${shown}\n${tail}`, result);
		}
		return result;
	} finally {
		if (timer) clearTimeout(timer);
		process.removeListener('exit', onParentExit);
	}
}

export interface Service {
	readonly pid: number;
	readonly output: () => string;
	readonly exited: Promise<number | null>;
	stop(): Promise<void>;
}

/** A long-running child (the n8n editor): stopped through its PID, never by looking it up by name. */
export function startService(
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv; echo?: string },
): Service {
	const child = spawn(command, args, {
		cwd: options.cwd,
		env: options.env ?? process.env,
		stdio: ['ignore', 'pipe', 'pipe'],
		detached: true,
	});
	if (child.pid === undefined) throw new Error(`could not start ${command}`);
	let output = '';
	const collect = (stream: NodeJS.WritableStream) => (chunk: string) => {
		// Keep a bounded tail for error reports; the editor can run for hours in the demo.
		output = (output + chunk).slice(-200_000);
		if (options.echo) stream.write(prefixLines(options.echo, chunk));
	};
	child.stdout.setEncoding('utf8').on('data', collect(process.stdout));
	child.stderr.setEncoding('utf8').on('data', collect(process.stderr));
	const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
	const onParentExit = () => killGroup(child, 'SIGKILL');
	process.once('exit', onParentExit);

	return {
		pid: child.pid,
		output: () => output,
		exited,
		async stop() {
			process.removeListener('exit', onParentExit);
			killGroup(child, 'SIGTERM');
			const forced = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
			await exited;
			clearTimeout(forced);
		},
	};
}
