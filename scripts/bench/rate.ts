/**
 * What a rate-limited import did, window by window, from the simulator's request log. Chatwoot's limiter
 * (rack-attack) counts fixed windows aligned to the wall clock (`Time.now.to_i / period`), every request
 * included, so the windows here are `floor(receivedAt / windowMs)` exactly as the simulator counts them.
 */
import type { RateLimitOptions, RecordedRequest } from '../../test/simulator';

export interface WindowCount {
	/** Wall-clock start of the window (epoch ms). */
	startsAt: number;
	/** Requests let through (anything but 429): never above the limit if the limiter works. */
	accepted: number;
	rejected429: number;
	/** Contacts created (POST /contacts answered 2xx). */
	created: number;
}

export interface RateAnalysis {
	limit: RateLimitOptions;
	windows: WindowCount[];
	mostAcceptedInOneWindow: number;
	/** The first window whose budget ran out (its first 429), as an index into `windows`. */
	firstSpentWindow?: number;
	/**
	 * The windows after the first spent one, up to the last (which counts only if it saw 429s): throughout
	 * these the import still had items waiting, so each could have carried `limit` creates.
	 */
	steadyWindows: number;
	steadyCreated: number;
	/** steadyCreated / (limit × steadyWindows): the share of what the limit allows that the import used. */
	throughputOfLimit?: number;
	/** From the end of the first spent window to the last create, in ms (the part of the import the limit paced). */
	pacedMs?: number;
	createdAfterFirstSpent: number;
}

const isCreate = (request: RecordedRequest) => request.method === 'POST' && /\/contacts$/.test(request.path);

export function analyseRateLimit(requests: RecordedRequest[], limit: RateLimitOptions): RateAnalysis {
	const api = requests.filter((request) => request.path.startsWith('/api/'));
	const indexOf = (request: RecordedRequest) => Math.floor(request.receivedAt / limit.windowMs);
	const empty: RateAnalysis = { limit, windows: [], mostAcceptedInOneWindow: 0, steadyWindows: 0, steadyCreated: 0, createdAfterFirstSpent: 0 };
	if (api.length === 0) return empty;

	const first = Math.min(...api.map(indexOf));
	const last = Math.max(...api.map(indexOf));
	const windows: WindowCount[] = Array.from({ length: last - first + 1 }, (_, i) => ({
		startsAt: (first + i) * limit.windowMs,
		accepted: 0,
		rejected429: 0,
		created: 0,
	}));
	let lastCreateAt = 0;
	for (const request of api) {
		const window = windows[indexOf(request) - first];
		if (request.status === 429) window.rejected429 += 1;
		else window.accepted += 1;
		if (isCreate(request) && request.status >= 200 && request.status < 300) {
			window.created += 1;
			lastCreateAt = Math.max(lastCreateAt, request.receivedAt);
		}
	}

	const firstSpentWindow = windows.findIndex((window) => window.rejected429 > 0);
	// The last window counts only if items were still waiting in it (it saw 429s); without 429s it merely
	// carried the remainder of the import, which no client could make fill the window.
	const lastWindow = windows.length - 1;
	const steadyEnd = windows[lastWindow].rejected429 > 0 ? lastWindow + 1 : lastWindow;
	const analysis: RateAnalysis = {
		...empty,
		windows,
		mostAcceptedInOneWindow: Math.max(...windows.map((window) => window.accepted)),
	};
	if (firstSpentWindow < 0) return analysis;

	const steady = windows.slice(firstSpentWindow + 1, Math.max(firstSpentWindow + 1, steadyEnd));
	const steadyCreated = steady.reduce((sum, window) => sum + window.created, 0);
	const spentEnds = windows[firstSpentWindow].startsAt + limit.windowMs;
	return {
		...analysis,
		firstSpentWindow,
		steadyWindows: steady.length,
		steadyCreated,
		throughputOfLimit: steady.length > 0 ? steadyCreated / (limit.limit * steady.length) : undefined,
		pacedMs: lastCreateAt > spentEnds ? lastCreateAt - spentEnds : undefined,
		createdAfterFirstSpent: windows.slice(firstSpentWindow + 1).reduce((sum, window) => sum + window.created, 0),
	};
}
