import { RateGovernor } from '../../../nodes/Chatwoot/transport/rateGovernor';
import type { Admission, GovernorOptions } from '../../../nodes/Chatwoot/transport/rateGovernor';

const MINUTE = 60_000;

/** A clock whose sleeps move time forward at once, so a minute of waiting takes no real time. */
function fakeClock(start: number, random = 0.5) {
	const clock = {
		time: start,
		now: () => clock.time,
		sleep: async (ms: number) => {
			clock.time += ms;
		},
		random: () => random,
	};
	return clock;
}

function governor(start: number, options: Partial<GovernorOptions> = {}, random?: number) {
	const clock = fakeClock(start, random);
	const rate = new RateGovernor({ windowMs: MINUTE, maxRequestsPerMinute: 0, ...options }, clock);
	return { clock, rate };
}

const admitAll = async (rate: RateGovernor, count: number) => {
	const admissions: Admission[] = [];
	for (let i = 0; i < count; i++) admissions.push((await rate.admit())!);
	return admissions;
};

// 10:00:05.000 UTC on the day these tests were written; windows open at whole minutes.
const T = Date.UTC(2026, 10, 30, 10, 0, 5);
const NEXT_MINUTE = Date.UTC(2026, 10, 30, 10, 1, 0);

describe('RateGovernor', () => {
	test('an open gate admits at once, in order', async () => {
		const { clock, rate } = governor(T);
		const admissions = await admitAll(rate, 3);
		expect(admissions.map((admission) => admission.sequence)).toEqual([1, 2, 3]);
		expect(clock.time).toBe(T);
	});

	test('a 429 followed by an accepted request sent after it is a passing 429: the run goes on', async () => {
		const { clock, rate } = governor(T);
		const [first, second] = await admitAll(rate, 2);
		rate.settle(first, { kind: 'throttled' });
		rate.settle(second, { kind: 'accepted' });
		await rate.admit();
		expect(clock.time).toBe(T);
	});

	test('requests sent before the throttled one prove nothing: their acceptance does not reopen the gate', async () => {
		const { clock, rate } = governor(T);
		const [early, throttled, later, last] = await admitAll(rate, 4);
		rate.settle(throttled, { kind: 'throttled' });
		rate.settle(early, { kind: 'accepted' });
		rate.settle(later, { kind: 'throttled' });
		rate.settle(last, { kind: 'throttled' });
		await rate.admit();
		expect(clock.time).toBeGreaterThanOrEqual(NEXT_MINUTE + 250);
	});

	test('three requests throttled in a row: the run waits for the next wall-clock minute, plus a jittered margin of at most a second', async () => {
		for (const random of [0, 1]) {
			const { clock, rate } = governor(T, {}, random);
			const admissions = await admitAll(rate, 3);
			for (const admission of admissions) rate.settle(admission, { kind: 'throttled' });
			const admission = await rate.admit();
			expect(admission?.sequence).toBe(4);
			expect(clock.time).toBeGreaterThanOrEqual(NEXT_MINUTE + 250 + random * 750);
			expect(clock.time).toBeLessThan(NEXT_MINUTE + 250 + random * 750 + 200);
		}
	});

	test('two throttled requests do not yet show a full window', async () => {
		const { clock, rate } = governor(T);
		const [first, second] = await admitAll(rate, 2);
		rate.settle(first, { kind: 'throttled' });
		rate.settle(second, { kind: 'throttled' });
		await rate.admit();
		expect(clock.time).toBe(T);
	});

	test('with nothing sent after the 429 in flight, one probe goes at once; its acceptance reopens the gate', async () => {
		const { clock, rate } = governor(T);
		const [only] = await admitAll(rate, 1);
		rate.settle(only, { kind: 'throttled' });
		const probe = await rate.admit();
		expect(clock.time).toBe(T);
		// While the probe is out, nobody else is let through.
		const waiting = rate.admit(T + 1500);
		expect(await waiting).toBeUndefined();
		rate.settle(probe!, { kind: 'accepted' });
		const timeAfterProbe = clock.time;
		await rate.admit();
		expect(clock.time).toBe(timeAfterProbe);
	});

	test('probes throttled one after another mean the window is full: then the next admission waits for the minute', async () => {
		const { clock, rate } = governor(T);
		const [only] = await admitAll(rate, 1);
		rate.settle(only, { kind: 'throttled' });
		for (let probe = 0; probe < 2; probe++) rate.settle((await rate.admit())!, { kind: 'throttled' });
		expect(clock.time).toBe(T);
		await rate.admit();
		expect(clock.time).toBeGreaterThanOrEqual(NEXT_MINUTE);
	});

	test("the server's Date header places the window when the clocks differ", async () => {
		const { clock, rate } = governor(T);
		// The server is 20 s ahead: its minute ends 20 s before ours.
		const serverDate = new Date(T + 20_000).toUTCString();
		for (const admission of await admitAll(rate, 3)) rate.settle(admission, { kind: 'throttled', serverDate });
		await rate.admit();
		expect(clock.time).toBeGreaterThanOrEqual(NEXT_MINUTE - 20_000);
		expect(clock.time).toBeLessThan(NEXT_MINUTE - 20_000 + 1200);
	});

	test("a proxy's Retry-After is waited for", async () => {
		const { clock, rate } = governor(T);
		const [only] = await admitAll(rate, 1);
		rate.settle(only, { kind: 'throttled', retryAfterMs: 7000 });
		await rate.admit();
		expect(clock.time).toBeGreaterThanOrEqual(T + 7000);
		expect(clock.time).toBeLessThan(T + 7300);
	});

	test('an admission that cannot happen before its deadline is refused without sending', async () => {
		const { clock, rate } = governor(T);
		for (const admission of await admitAll(rate, 3)) rate.settle(admission, { kind: 'throttled' });
		expect(await rate.admit(T + 10_000)).toBeUndefined();
		expect(clock.time).toBeGreaterThanOrEqual(T + 10_000);
		expect(clock.time).toBeLessThan(NEXT_MINUTE);
		// Later requests are not blocked by the one that gave up.
		expect((await rate.admit())?.sequence).toBe(4);
	});

	test('a set pace spreads requests evenly: 120 a minute is one every 500 ms', async () => {
		const { clock, rate } = governor(T, { maxRequestsPerMinute: 120 });
		const times: number[] = [];
		for (let i = 0; i < 4; i++) {
			await rate.admit();
			times.push(clock.time - T);
		}
		expect(times).toEqual([0, 500, 1000, 1500]);
	});
});
