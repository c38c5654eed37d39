/**
 * Chatwoot's rate limit (rack-attack, config/initializers/rack_attack.rb) counts the requests of one
 * client IP in fixed windows aligned to the wall clock (`Time.now.to_i / 60`), and a throttled
 * request counts too: once a window is full, every request until the next minute boundary is
 * refused with `429 Retry later` and no Retry-After. See docs/chatwoot-behaviour.md, "Rate limiting".
 *
 * One governor serves a whole run, so the requests in flight react to a full window together:
 * after a 429 the run stops sending and resumes at the next window, instead of each request
 * retrying on its own (which keeps the window full and adds a 429 per request in flight).
 *
 * It concludes only what the responses show. A 429 followed by a response to a request sent after
 * it (any status but 429) shows the limiter is letting requests through, so the run goes on. Only
 * when three requests in a row are throttled (the requests in flight, or single probes sent one
 * after another) does the run wait for the next window: in a full window every request is refused,
 * while a proxy's or a passing 429 rarely comes three times running. It never lowers concurrency
 * or guesses the limit from a 429.
 */

export interface GovernorClock {
	now(): number;
	sleep(ms: number): Promise<void>;
	random(): number;
}

export interface GovernorOptions {
	/** Chatwoot's window: one minute. */
	windowMs: number;
	/** A user-set pace: requests are spread evenly so that no window sees more; 0 for none. */
	maxRequestsPerMinute: number;
}

/** A request let through; handed back with its outcome. */
export interface Admission {
	readonly sequence: number;
}

export type AdmissionOutcome =
	| { kind: 'accepted' }
	| { kind: 'throttled'; retryAfterMs?: number; serverDate?: string }
	| { kind: 'noResponse' };

/** Once the window has opened, requests wait a little more, spread at random, so that clients that waited together do not arrive together. */
const REOPEN_MARGIN_MS = 250;
const REOPEN_JITTER_MS = 750;
/** How often a waiting request looks at the gate again. */
const POLL_MS = 200;
/** Throttled requests in a row, with none let through after the first, that show a full window. */
const THROTTLED_IN_A_ROW_FOR_FULL_WINDOW = 3;

interface ThrottleEpisode {
	/** The earliest-sent request that was throttled in this episode. */
	firstThrottled: number;
	throttled: number;
	/** Set once a full window is established: when sending may start again. */
	until?: number;
	probe?: number;
}

export class RateGovernor {
	private nextSequence = 1;

	private readonly inFlight = new Set<number>();

	private episode: ThrottleEpisode | undefined;

	private nextPacedSlot = 0;

	/** Wakes the requests waiting at the gate when a response reopens it. */
	private reopened: { promise: Promise<void>; resolve: () => void } | undefined;

	constructor(
		private readonly options: GovernorOptions,
		private readonly clock: GovernorClock,
	) {}

	/**
	 * Waits until a request may be sent. Returns undefined, without sending, when the gate would not
	 * open before `deadline` (the request's own time budget for rate limits).
	 */
	async admit(deadline = Number.POSITIVE_INFINITY): Promise<Admission | undefined> {
		for (;;) {
			const now = this.clock.now();
			const wait = this.waitBeforeSending(now);
			if (wait === 0) break;
			if (now >= deadline) return undefined;
			await Promise.race([this.clock.sleep(Math.max(1, Math.min(wait, POLL_MS, deadline - now))), this.whenReopened()]);
		}
		const sequence = this.nextSequence++;
		this.inFlight.add(sequence);
		if (this.episode) this.episode.probe = sequence;
		const slotWait = this.reservePacedSlot(this.clock.now());
		if (slotWait > 0) await this.clock.sleep(slotWait);
		return { sequence };
	}

	/** Records what came of an admitted request. */
	settle(admission: Admission, outcome: AdmissionOutcome): void {
		const { sequence } = admission;
		this.inFlight.delete(sequence);
		const episode = this.episode;
		if (outcome.kind === 'accepted') {
			// The limiter let through a request sent after the throttled one: the window is not full.
			if (episode && sequence > episode.firstThrottled) this.reopen();
			return;
		}
		if (episode?.probe === sequence) episode.probe = undefined;
		if (outcome.kind !== 'throttled') return;

		const now = this.clock.now();
		const current = episode ?? (this.episode = { firstThrottled: sequence, throttled: 0 });
		current.firstThrottled = Math.min(current.firstThrottled, sequence);
		current.throttled++;
		if (current.throttled >= THROTTLED_IN_A_ROW_FOR_FULL_WINDOW) current.until ??= this.nextWindowOpens(now, outcome.serverDate);
		if (outcome.retryAfterMs !== undefined) current.until = Math.max(current.until ?? 0, now + outcome.retryAfterMs);
	}

	private whenReopened(): Promise<void> {
		if (!this.reopened) {
			let resolve!: () => void;
			const promise = new Promise<void>((done) => (resolve = done));
			this.reopened = { promise, resolve };
		}
		return this.reopened.promise;
	}

	private reopen(): void {
		this.episode = undefined;
		this.reopened?.resolve();
		this.reopened = undefined;
	}

	/** 0 when a request may go now; otherwise how long to wait before looking again. */
	private waitBeforeSending(now: number): number {
		const episode = this.episode;
		if (!episode) return 0;
		if (episode.until !== undefined) {
			if (now >= episode.until) {
				this.reopen();
				return 0;
			}
			return episode.until - now;
		}
		// Not yet known whether the window is full: the responses still in flight will tell, or else
		// one request at a time goes ahead as a probe.
		const evidencePending = [...this.inFlight].some((sequence) => sequence > episode.firstThrottled);
		return evidencePending || episode.probe !== undefined ? POLL_MS : 0;
	}

	/**
	 * When Chatwoot's next window opens, in this machine's time. The server's clock is read from the
	 * 429's Date header when there is one (it is cut to the second, so this errs late, never early).
	 */
	private nextWindowOpens(now: number, serverDate?: string): number {
		const parsed = serverDate ? Date.parse(serverDate) : Number.NaN;
		const offset = Number.isFinite(parsed) ? parsed - now : 0;
		const windowMs = this.options.windowMs;
		const opens = (Math.floor((now + offset) / windowMs) + 1) * windowMs - offset;
		return opens + REOPEN_MARGIN_MS + Math.round(this.clock.random() * REOPEN_JITTER_MS);
	}

	private reservePacedSlot(now: number): number {
		if (this.options.maxRequestsPerMinute <= 0) return 0;
		const interval = 60_000 / this.options.maxRequestsPerMinute;
		const slot = Math.max(now, this.nextPacedSlot);
		this.nextPacedSlot = slot + interval;
		return slot - now;
	}
}
