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
