const startedAt = Date.now();

function stamp(): string {
	return `[${((Date.now() - startedAt) / 1000).toFixed(1).padStart(6)}s]`;
}

export function info(message: string): void {
	console.log(`${stamp()} ${message}`);
}

export function seconds(sinceMs: number): string {
	return `${((Date.now() - sinceMs) / 1000).toFixed(1)} s`;
}

/** Runs `work`, printing a line while it is still running so that long steps never look hung. */
export async function withHeartbeat<T>(
	label: string,
	work: () => Promise<T>,
	progress: () => string = () => '',
	everyMs = 15_000,
): Promise<T> {
	const begin = Date.now();
	info(`${label} ...`);
	const timer = setInterval(() => {
		const extra = progress();
		info(`  ... ${label}: ${seconds(begin)} elapsed${extra ? `, ${extra}` : ''}`);
	}, everyMs);
	try {
		const result = await work();
		info(`${label}: done in ${seconds(begin)}`);
		return result;
	} finally {
		clearInterval(timer);
	}
}
