const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * Makes Ctrl-C and SIGTERM end the script through `process.exit`, which runs the exit hooks that stop
 * every child process group this script started (Node skips them when a signal kills it). Returns
 * a function that takes the handlers off again, for a script that handles the signals itself later.
 */
export function exitOnSignal(): () => void {
	const handlers = Object.entries(SIGNAL_EXIT_CODES).map(([signal, code]) => {
		const handler = () => process.exit(code);
		process.once(signal, handler);
		return [signal, handler] as const;
	});
	return () => handlers.forEach(([signal, handler]) => process.removeListener(signal, handler));
}

/**
 * Runs a script's `main` with a watchdog: exit code 0 when it reports success, 1 when it fails or
 * throws, 2 when it has not finished in time (so CI never waits on a hung browser or n8n).
 */
export function runScript(name: string, timeoutMs: number, main: () => Promise<boolean>): void {
	const watchdog = setTimeout(() => {
		console.error(`${name}: no result after ${timeoutMs / 60_000} minutes, giving up`);
		process.exit(2);
	}, timeoutMs);
	watchdog.unref();
	exitOnSignal();

	main().then(
		(ok) => {
			process.exitCode = ok ? 0 : 1;
		},
		(error: Error) => {
			console.error(error);
			process.exitCode = 1;
		},
	);
}
