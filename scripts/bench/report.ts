/** The benchmark's printed tables: figures, the targets they are read against (printed, not asserted), notes. */
import { DEFAULT_REQUESTS_IN_FLIGHT } from '../../nodes/Chatwoot/actions/runOptions';
import type { ScenarioResult } from './measure';
import type { RateAnalysis } from './rate';
import { AVATAR_BYTES, LATENCIES_MS } from './scenarios';

const MIB = 1024 * 1024;
const MEMORY_GROWTH_TARGET_MIB = 150;
const HTTP_REQUEST_MS_PER_ITEM_BEFORE = '~4-5';
/** Create or Update of new contacts may cost at most this much more node time than Create. */
const UPSERT_NEW_RATIO_TARGET = 1.2;

const ms = (value: number | undefined) => (value !== undefined && Number.isFinite(value) ? `${Math.round(value)}` : 'n/a');
const fixed = (value: number | undefined, digits = 2) => (value !== undefined && Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const percent = (value: number | undefined) => (value === undefined ? 'n/a' : `${(value * 100).toFixed(0)} %`);
const clock = (epochMs: number) => new Date(epochMs).toISOString().slice(11, 19);
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

export function table(header: string[], rows: string[][]): string {
	const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

export interface Target {
	target: string;
	measured: string;
	met: boolean;
}

function compareSection(results: ScenarioResult[], byKey: Map<string, ScenarioResult>, lines: string[], targets: Target[]) {
	const compared = results.filter((result) => result.group === 'compare');
	if (compared.length === 0) return;
	const rows = compared.map((result) => {
		const http = byKey.get(`http-${result.latencyMs}ms`);
		const ratio = http ? result.nodeMs / http.nodeMs : Number.NaN;
		return [
			result.title,
			`${result.latencyMs} ms`,
			String(result.items),
			ms(result.nodeMs),
			fixed(result.msPerItem),
			result.kind === 'httpRequest' ? '1.00' : fixed(ratio),
			String(result.maxInFlight),
			fixed(result.peakRssMiB, 0),
		];
	});
	lines.push('### This node vs n8n HTTP Request (Contact → Create, same items, same simulator)', '');
	lines.push(table(['Scenario', 'Latency', 'Items', 'Node ms', 'ms/item', 'Ratio to HTTP Request', 'Max in flight', 'Peak RSS MiB'], rows), '');

	for (const latency of LATENCIES_MS) {
		const own = byKey.get(`chatwoot-${latency}ms`);
		const http = byKey.get(`http-${latency}ms`);
		if (!own || !http) continue;
		targets.push(
			latency === 0
				? {
						target: `0 ms latency: this node ≤ HTTP Request in ms/item (HTTP Request measured before: ${HTTP_REQUEST_MS_PER_ITEM_BEFORE} ms/item)`,
						measured: `${fixed(own.msPerItem)} vs ${fixed(http.msPerItem)} ms/item`,
						met: own.msPerItem <= http.msPerItem,
					}
				: {
						target: `${latency} ms latency: this node (default ${DEFAULT_REQUESTS_IN_FLIGHT} in flight) finishes no later than HTTP Request`,
						measured: `${ms(own.nodeMs)} vs ${ms(http.nodeMs)} ms`,
						met: own.nodeMs <= http.nodeMs,
					},
		);
	}
}

function upsertSection(results: ScenarioResult[], byKey: Map<string, ScenarioResult>, lines: string[], targets: Target[]) {
	const measured = results.filter((result) => result.group === 'upsert');
	if (measured.length === 0) return;
	const createOf = (result: ScenarioResult) => byKey.get(`create-${result.latencyMs}ms`);
	lines.push('### Create or Update vs Create (Contact, same simulator, default options)', '');
	lines.push(
		table(
			['Scenario', 'Latency', 'Items', 'Node ms', 'ms/item', 'Ratio to Create', 'Requests', 'Requests/item', 'Max in flight', 'Peak RSS MiB'],
			measured.map((result) => {
				const create = createOf(result);
				return [
					result.title,
					`${result.latencyMs} ms`,
					String(result.items),
					ms(result.nodeMs),
					fixed(result.msPerItem),
					create ? fixed(result.nodeMs / create.nodeMs) : 'n/a',
					String(result.requests),
					fixed(result.requests / result.items),
					Number.isFinite(result.maxInFlight) ? String(result.maxInFlight) : 'n/a',
					fixed(result.peakRssMiB, 0),
				];
			}),
		),
		'',
	);
	lines.push(
		table(
			['Scenario', 'Requests by endpoint'],
			measured.map((result) => [
				result.title,
				Object.entries(result.requestMix)
					.sort(([, a], [, b]) => b - a)
					.map(([endpoint, count]) => `${endpoint} × ${count}`)
					.join(', '),
			]),
		),
		'',
	);
	for (const latency of LATENCIES_MS) {
		const create = byKey.get(`create-${latency}ms`);
		const fresh = byKey.get(`upsert-new-${latency}ms`);
		if (!create || !fresh) continue;
		const ratio = fresh.nodeMs / create.nodeMs;
		targets.push({
			target: `${latency} ms latency: Create or Update of new contacts ≤ ${UPSERT_NEW_RATIO_TARGET}× Create in node time`,
			measured: `${fixed(ratio)}× (${fixed(fresh.msPerItem)} vs ${fixed(create.msPerItem)} ms/item; ${fixed(fresh.requests / fresh.items)} vs ${fixed(create.requests / create.items)} requests/item)`,
			met: ratio <= UPSERT_NEW_RATIO_TARGET,
		});
	}
}

function rateSection(result: ScenarioResult, rate: RateAnalysis, lines: string[], targets: Target[]) {
	const { limit, windowMs } = rate.limit;
	const perWindow = `${limit} requests per ${windowMs / 1000} s window`;
	lines.push(`### Rate limit: ${result.items} items, ${perWindow} (wall-clock aligned), default options`, '');
	lines.push(
		table(
			['Created', 'Failed', '429s', 'Requests', 'Node s', 'Most let through in one window', 'Throughput once the first window is spent'],
			[
				[
					`${result.createdOnSimulator} / ${result.items}`,
					String(result.failedItems),
					String(result.rejected429),
					String(result.requests),
					fixed(result.nodeMs / 1000, 1),
					`${rate.mostAcceptedInOneWindow} (limit ${limit})`,
					rate.throughputOfLimit === undefined
						? 'n/a (the import ended within the window after the first spent one)'
						: `${percent(rate.throughputOfLimit)} of the limit (${rate.steadyCreated} created in ${rate.steadyWindows} window(s) that allowed ${limit * rate.steadyWindows})`,
				],
			],
		),
		'',
	);
	lines.push(
		table(
			['Window (UTC)', 'Let through', '429s', 'Created', ''],
			rate.windows.map((window, index) => [
				`${clock(window.startsAt)}–${clock(window.startsAt + windowMs)}`,
				String(window.accepted),
				String(window.rejected429),
				String(window.created),
				index === rate.firstSpentWindow ? 'first window spent' : '',
			]),
		),
		'',
	);
	targets.push({
		target: `${perWindow}: never more let through than the limit; every item created, none failed`,
		measured: `most ${rate.mostAcceptedInOneWindow} in one window, ${result.createdOnSimulator}/${result.items} created, ${result.failedItems} failed`,
		met: rate.mostAcceptedInOneWindow <= limit && result.failedItems === 0 && result.createdOnSimulator === result.items,
	});
	if (rate.throughputOfLimit !== undefined) {
		targets.push({
			target: `${perWindow}: once the first window is spent, the import uses ≥ 90 % of what the limit allows`,
			measured: percent(rate.throughputOfLimit),
			met: rate.throughputOfLimit >= 0.9,
		});
	}
}

function memorySection(byKey: Map<string, ScenarioResult>, lines: string[], targets: Target[]) {
	const none = byKey.get('avatar-none');
	const binary = byKey.get('avatar-binary');
	if (!none || !binary) return;
	const growth = binary.peakRssMiB - none.peakRssMiB;
	lines.push(`### Memory: ${binary.items} files read from disk (${AVATAR_BYTES / MIB} MB PNG each) → Create with / without avatar upload`, '');
	lines.push(
		table(
			['Scenario', 'Node ms', 'ms/item', 'Peak RSS MiB', 'Growth vs no upload MiB'],
			[
				[none.title, ms(none.nodeMs), fixed(none.msPerItem), fixed(none.peakRssMiB, 0), '-'],
				[binary.title, ms(binary.nodeMs), fixed(binary.msPerItem), fixed(binary.peakRssMiB, 0), fixed(growth, 0)],
			],
		),
		'',
	);
	targets.push({
		target: `peak RSS growth for ${binary.items} × ${AVATAR_BYTES / MIB} MB avatars < ${MEMORY_GROWTH_TARGET_MIB} MiB`,
		measured: `${fixed(growth, 0)} MiB`,
		met: growth < MEMORY_GROWTH_TARGET_MIB,
	});
}

export function report(results: ScenarioResult[], notes: string[]): { text: string; targets: Target[] } {
	const byKey = new Map(results.map((result) => [result.key, result]));
	const targets: Target[] = [];
	const lines: string[] = [];
	compareSection(results, byKey, lines, targets);
	upsertSection(results, byKey, lines, targets);
	for (const result of results) if (result.rate) rateSection(result, result.rate, lines, targets);
	memorySection(byKey, lines, targets);
	if (targets.length > 0) {
		lines.push('### Targets (printed, not asserted)', '');
		lines.push(table(['Target', 'Measured', 'Result'], targets.map((t) => [t.target, t.measured, verdict(t.met)])), '');
	}
	lines.push('### Notes', '', ...notes.map((note) => `- ${note}`));
	return { text: lines.join('\n'), targets };
}
