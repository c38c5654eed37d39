import { readFile } from 'node:fs/promises';

export interface PeakMemory {
	/** The highest `VmHWM` (peak resident set size) the kernel reported for the process, in bytes. */
	peakRssBytes: number;
	/** How many readings of /proc/<pid>/status succeeded. */
	samples: number;
	/** Milliseconds between the last successful reading and `stop()`: the part of the run not observed. */
	unobservedTailMs: number;
}

export interface MemoryWatch {
	/** Stops sampling and returns the peak seen; call it once the process has exited. */
	stop(): Promise<PeakMemory>;
}

async function readHighWaterMark(pid: number): Promise<number | undefined> {
	try {
		const status = await readFile(`/proc/${pid}/status`, 'utf8');
		// A process that has exited but not yet been reaped (a zombie) has no Vm* lines any more.
		const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
		return match ? Number(match[1]) * 1024 : undefined;
	} catch {
		return undefined;
	}
}

/**
 * Samples the kernel's peak-RSS counter of one process (Linux `/proc/<pid>/status`, `VmHWM`) every
 * `everyMs` while it runs. The counter only grows, so the last reading before the process exits is
 * its peak up to that moment; `unobservedTailMs` says how much of the end the sampling may have missed.
 */
export function watchPeakMemory(pid: number, everyMs = 50): MemoryWatch {
	let peak = 0;
	let samples = 0;
	let lastSampleAt = Date.now();
	let pending: Promise<void> = Promise.resolve();
	const sample = async () => {
		const value = await readHighWaterMark(pid);
		if (value === undefined) return;
		peak = Math.max(peak, value);
		samples += 1;
		lastSampleAt = Date.now();
	};
	const timer = setInterval(() => {
		pending = pending.then(sample);
	}, everyMs);
	pending = pending.then(sample);
	return {
		async stop() {
			clearInterval(timer);
			await pending;
			return { peakRssBytes: peak, samples, unobservedTailMs: Date.now() - lastSampleAt };
		},
	};
}
