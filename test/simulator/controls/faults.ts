import type { FaultOptions } from '../types';

/** mulberry32: tiny, fast and good enough to make fault sequences reproducible from a seed. */
export function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

export type PreProcessingFault = 'reject429' | 'reject503' | 'dropBefore';

/**
 * Decides, per API request and in arrival order, which injected fault (if any) hits it. Each
 * configured rate draws one number, always in the same order, so a seed replays the same faults.
 */
export class FaultInjector {
	private options: FaultOptions = {};
	private random: () => number = Math.random;

	constructor(options: FaultOptions = {}) {
		this.configure(options);
	}

	configure(options: FaultOptions): void {
		this.options = { ...options };
		this.random = seededRandom(options.seed ?? Math.floor(Math.random() * 2 ** 32));
	}

	get latencyMs(): number {
		return Math.max(0, this.options.latencyMs ?? 0);
	}

	get retryAfterSeconds(): number | undefined {
		return this.options.retryAfterSeconds;
	}

	private hits(rate: number | undefined): boolean {
		return (rate ?? 0) > 0 && this.random() < (rate ?? 0);
	}

	decideBeforeProcessing(): PreProcessingFault | undefined {
		if (this.hits(this.options.rate429)) return 'reject429';
		if (this.hits(this.options.rate503)) return 'reject503';
		if (this.hits(this.options.dropBeforeRate)) return 'dropBefore';
		return undefined;
	}

	decideDropAfterCreate(): boolean {
		return this.hits(this.options.dropAfterRate);
	}
}
