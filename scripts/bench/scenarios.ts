/** What the benchmark runs, grouped so that `npm run bench -- --only <group>` runs a part of it. */
import type { RateLimitOptions } from '../../test/simulator';
import type { WorkflowNode } from '../lib/setup';
import {
	chatwootCreate,
	chatwootUpsert,
	contactsCodeNode,
	emailsFor,
	httpRequestCreate,
	manualTrigger,
	readFilesNode,
} from './workflows';

export const GROUPS = {
	compare: 'this node vs n8n HTTP Request, 1,000 items at 0 and 20 ms latency',
	upsert: 'Create or Update of 1,000 new contacts, then of the same 1,000 again (all updates), next to Create of 1,000 new; 0 and 20 ms latency',
	rate: "Chatwoot's real limiter: 1,500 items at 600 requests per 60 s window (wall-clock aligned); takes 2-4 minutes",
	memory: '200 files of 5 MB read from disk, Create with and without avatar upload: peak RSS of n8n',
} as const;
export type Group = keyof typeof GROUPS;

export const ITEMS = 1_000;
export const LATENCIES_MS = [0, 20];
export const AVATAR_ITEMS = 200;
export const AVATAR_BYTES = 5 * 1024 * 1024;

/** Chatwoot's limiter as configured by default: 600 requests per wall-clock minute. The node runs with its defaults. */
export const RATE_CASE = { limit: { limit: 600, windowMs: 60_000 } as RateLimitOptions, items: 1_500 };

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
	/**
	 * Runs on what the scenario with this key left on the simulator (its contacts), instead of an empty one;
	 * requests are then counted from this scenario's first one.
	 */
	continuesFrom?: string;
	/** Create or Update: the `action` every output item must report. */
	expectedAction?: 'created' | 'updated';
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

	if (groups.includes('upsert')) {
		const fields = { name: '={{ $json.name }}', email: '={{ $json.email }}' };
		for (const latencyMs of LATENCIES_MS) {
			const padded = String(latencyMs).padStart(3, '0');
			const createPrefix = `cr${latencyMs}-${runId}`;
			scenarios.push({
				key: `create-${latencyMs}ms`,
				group: 'upsert',
				title: `Create, ${items} new contacts, ${latencyMs} ms`,
				kind: 'chatwoot',
				workflowId: `BenchUpsCreat${padded}`,
				nodes: [manualTrigger(), contactsCodeNode(createPrefix, items), chatwootCreate(fields)],
				items,
				latencyMs,
				expectedEmails: emailsFor(createPrefix, items),
			});
			const upsertPrefix = `up${latencyMs}-${runId}`;
			const upsertNodes = [manualTrigger(), contactsCodeNode(upsertPrefix, items), chatwootUpsert(fields)];
			scenarios.push({
				key: `upsert-new-${latencyMs}ms`,
				group: 'upsert',
				title: `Create or Update, ${items} new contacts, ${latencyMs} ms`,
				kind: 'chatwoot',
				workflowId: `BenchUpsNew00${padded}`,
				nodes: upsertNodes,
				items,
				latencyMs,
				expectedEmails: emailsFor(upsertPrefix, items),
				expectedAction: 'created',
			});
			scenarios.push({
				key: `upsert-again-${latencyMs}ms`,
				group: 'upsert',
				title: `Create or Update, the same ${items} again, ${latencyMs} ms`,
				kind: 'chatwoot',
				workflowId: `BenchUpsAgain${padded}`,
				nodes: upsertNodes,
				items,
				latencyMs,
				expectedEmails: emailsFor(upsertPrefix, items),
				continuesFrom: `upsert-new-${latencyMs}ms`,
				expectedAction: 'updated',
			});
		}
	}

	if (groups.includes('rate')) {
		const limit = { limit: scaled(RATE_CASE.limit.limit, scale), windowMs: RATE_CASE.limit.windowMs };
		const count = scaled(RATE_CASE.items, scale);
		const prefix = `rate-${runId}`;
		scenarios.push({
			key: 'rate',
			group: 'rate',
			title: `Chatwoot node, ${count} items at ${limit.limit} per ${limit.windowMs / 1000} s`,
			kind: 'chatwoot',
			workflowId: 'BenchRateLimit60',
			nodes: [manualTrigger(), contactsCodeNode(prefix, count), chatwootCreate({ name: '={{ $json.name }}', email: '={{ $json.email }}' }, { continueOnFail: true })],
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
