/** What the benchmark runs, grouped so that `npm run bench -- --only <group>` runs a part of it. */
import type { RateLimitOptions } from '../../test/simulator';
import type { WorkflowNode } from '../lib/setup';
import {
	chatwootCreate,
	contactsCodeNode,
	emailsFor,
	httpRequestCreate,
	manualTrigger,
	readFilesNode,
} from './workflows';

export const GROUPS = {
	compare: 'this node vs n8n HTTP Request, 1,000 items at 0 and 20 ms latency',
	rate: "Chatwoot's real limiter: 1,500 items at 600 requests per 60 s window (wall-clock aligned); takes 2-4 minutes",
	'rate-10s': 'the same import against a scaled 10 s window of 600 requests (faster, but hides what a one-minute window does to retry waits)',
	memory: '200 files of 5 MB read from disk, Create with and without avatar upload: peak RSS of n8n',
} as const;
export type Group = keyof typeof GROUPS;

export const ITEMS = 1_000;
export const LATENCIES_MS = [0, 20];
export const AVATAR_ITEMS = 200;
export const AVATAR_BYTES = 5 * 1024 * 1024;

export interface RateCase {
	limit: RateLimitOptions;
	items: number;
	/** Node options for this case; the real-window case runs with the node's defaults. */
	options: Record<string, unknown>;
}

export const RATE_CASES: Record<'rate' | 'rate-10s', RateCase> = {
	rate: { limit: { limit: 600, windowMs: 60_000 }, items: 1_500, options: {} },
	'rate-10s': { limit: { limit: 600, windowMs: 10_000 }, items: 1_500, options: { maxRetryDelay: 10_000 } },
};

export type NodeKind = 'chatwoot' | 'httpRequest';

export interface Scenario {
	key: string;
	group: Group;
	title: string;
	kind: NodeKind;
	workflowId: string;
	nodes: WorkflowNode[];
	items: number;
	latencyMs: number;
	rateLimit?: RateLimitOptions;
	/** The emails that must exist on the simulator afterwards (rate-limited runs: those not reported as failed). */
	expectedEmails: string[];
	/** Rate-limited runs: an item that gave up is a measured outcome (counted as failed), not a broken run. */
	failuresAreResults?: boolean;
	env?: Record<string, string>;
}

export interface ScenarioContext {
	simulatorUrl: string;
	runId: string;
	/** Folder holding the avatar PNGs (memory group). */
	avatarDir: string;
	avatarNames: string[];
	/** 1 for the real benchmark; `--quick` scales item counts (and rate limits with them) down for a smoke run. */
	scale: number;
}

const scaled = (count: number, scale: number) => Math.max(1, Math.round(count * scale));

export function buildScenarios(context: ScenarioContext, groups: Group[]): Scenario[] {
	const { simulatorUrl, runId, scale } = context;
	const scenarios: Scenario[] = [];
	const items = scaled(ITEMS, scale);

	if (groups.includes('compare')) {
		for (const latencyMs of LATENCIES_MS) {
			const ownPrefix = `cw${latencyMs}-${runId}`;
			scenarios.push({
				key: `chatwoot-${latencyMs}ms`,
				group: 'compare',
				title: `Chatwoot node, ${latencyMs} ms`,
				kind: 'chatwoot',
				workflowId: `BenchChatwoot${String(latencyMs).padStart(3, '0')}`,
				nodes: [manualTrigger(), contactsCodeNode(ownPrefix, items), chatwootCreate({ name: '={{ $json.name }}', email: '={{ $json.email }}' })],
				items,
				latencyMs,
				expectedEmails: emailsFor(ownPrefix, items),
			});
			const httpPrefix = `http${latencyMs}-${runId}`;
			scenarios.push({
				key: `http-${latencyMs}ms`,
				group: 'compare',
				title: `HTTP Request node, ${latencyMs} ms`,
				kind: 'httpRequest',
				workflowId: `BenchHttpReq${String(latencyMs).padStart(4, '0')}`,
				nodes: [manualTrigger(), contactsCodeNode(httpPrefix, items), httpRequestCreate(simulatorUrl)],
				items,
				latencyMs,
				expectedEmails: emailsFor(httpPrefix, items),
			});
		}
	}

	for (const group of ['rate', 'rate-10s'] as const) {
		if (!groups.includes(group)) continue;
		const rate = RATE_CASES[group];
		const limit = { limit: scaled(rate.limit.limit, scale), windowMs: rate.limit.windowMs };
		const count = scaled(rate.items, scale);
		const prefix = `${group}-${runId}`;
		scenarios.push({
			key: group,
			group,
			title: `Chatwoot node, ${count} items at ${limit.limit} per ${limit.windowMs / 1000} s`,
			kind: 'chatwoot',
			workflowId: group === 'rate' ? 'BenchRateLimit60' : 'BenchRateLimit10',
			nodes: [
				manualTrigger(),
				contactsCodeNode(prefix, count),
				chatwootCreate({ name: '={{ $json.name }}', email: '={{ $json.email }}' }, { options: rate.options, continueOnFail: true }),
			],
			items: count,
			latencyMs: 0,
			rateLimit: limit,
			expectedEmails: emailsFor(prefix, count),
			failuresAreResults: true,
		});
	}

	if (groups.includes('memory')) {
		const fromFileName = {
			name: "={{ $json.fileName.replace('.png', '') }}",
			email: "={{ $json.fileName.replace('.png', '') + '@bench.example.com' }}",
		};
		for (const withAvatar of [false, true]) {
			const count = context.avatarNames.length;
			scenarios.push({
				key: withAvatar ? 'avatar-binary' : 'avatar-none',
				group: 'memory',
				title: withAvatar ? `Chatwoot node, ${count} × 5 MB avatars uploaded` : `Chatwoot node, ${count} files read, no upload`,
				kind: 'chatwoot',
				workflowId: withAvatar ? 'BenchAvatarFile1' : 'BenchAvatarNone1',
				nodes: [
					manualTrigger(),
					readFilesNode(`${context.avatarDir}/*.png`),
					chatwootCreate(withAvatar ? { ...fromFileName, avatarSource: 'binary', binaryPropertyName: 'data' } : fromFileName),
				],
				items: count,
				latencyMs: 0,
				expectedEmails: context.avatarNames.map((name) => `${name}@bench.example.com`),
				// n8n only lets nodes read files under N8N_RESTRICT_FILE_ACCESS_TO (2.x default: ~/.n8n-files).
				// n8n 1.x keeps binaries in memory by default; the filesystem store is 2.x's default and the
				// setting that large files call for, so both lines are measured with it.
				env: { N8N_RESTRICT_FILE_ACCESS_TO: context.avatarDir, N8N_DEFAULT_BINARY_DATA_MODE: 'filesystem' },
			});
		}
	}
	return scenarios;
}
