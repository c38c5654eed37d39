/**
 * Chatwoot's real rate limit: 60 s windows aligned to the wall clock, throttled requests counted,
 * `429 Retry later` without Retry-After. 1,500 items at 600 a minute with default options take two
 * to three real minutes.
 */
import { SEED } from '../simulator';
import { runChatwootNode } from '../harness/engine';
import { createInSimulator, RATE_LIMIT_WINDOW_MS, useSimulator } from '../harness/simulator';

const simulator = useSimulator();

const LIMIT = 600;
const ITEMS = 1500;
const DEFAULT_REQUESTS_IN_FLIGHT = 20;

test('1,500 contacts at 600 a minute, default options: all created, none failed, one burst of 429s per full window, the limit used in full once a window is spent', async () => {
	simulator().setRateLimit({ limit: LIMIT, windowMs: RATE_LIMIT_WINDOW_MS });
	const items = Array.from({ length: ITEMS }, (_, i) => ({ json: { email: `window${i}@rate.example` } }));
	const result = await runChatwootNode({
		credentials: { baseUrl: simulator().url, accessToken: SEED.tokens.admin },
		continueOnFail: true,
		items,
		parameters: createInSimulator({ email: '={{ $json.email }}' }),
	});

	const output = result.items ?? [];
	expect(output.filter((item) => item.json.error).map((item) => item.json)).toEqual([]);
	expect(output).toHaveLength(ITEMS);
	expect(simulator().contacts(SEED.accounts.main)).toHaveLength(ITEMS);

	const perWindow = new Map<number, { accepted: number; throttled: number }>();
	for (const request of simulator().requests()) {
		const window = Math.floor(request.receivedAt / RATE_LIMIT_WINDOW_MS);
		const entry = perWindow.get(window) ?? { accepted: 0, throttled: 0 };
		if (request.status === 429) entry.throttled++;
		else entry.accepted++;
		perWindow.set(window, entry);
	}
	const windows = [...perWindow.entries()].sort(([a], [b]) => a - b).map(([, entry]) => entry);
	for (const window of windows) {
		expect(window.accepted).toBeLessThanOrEqual(LIMIT);
		// The requests in flight when the window filled, and at most one probe: never a 429 per request and retry.
		expect(window.throttled).toBeLessThanOrEqual(DEFAULT_REQUESTS_IN_FLIGHT + 1);
	}
	// Every window between the first and the last is used to at least 90% of the limit.
	for (const window of windows.slice(1, -1)) expect(window.accepted).toBeGreaterThanOrEqual(0.9 * LIMIT);
	process.stdout.write(
		`rate limit ${LIMIT}/min, ${ITEMS} items: per window ${windows.map((window) => `${window.accepted} accepted/${window.throttled}×429`).join(', ')}\n`,
	);
}, 300_000);
