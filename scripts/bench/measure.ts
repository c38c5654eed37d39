/** Runs one scenario in its own `n8n execute` process and reads what n8n and the simulator saw. */
import { loadavg } from 'node:os';

import { SEED } from '../../test/simulator/seed';
import type { RecordedRequest, Simulator } from '../../test/simulator';
import { info } from '../lib/log';
import { watchPeakMemory, type MemoryWatch, type PeakMemory } from '../lib/memory';
import { executeWorkflow, type ExecutionResult, type N8nRuntime, type UserFolder } from '../lib/n8n-runtime';
import { analyseRateLimit, type RateAnalysis } from './rate';
import type { Group, NodeKind, Scenario } from './scenarios';
import { TARGET_NODE } from './workflows';

const EXECUTE_TIMEOUT_MS = 10 * 60_000;
const MIB = 1024 * 1024;

export interface ScenarioResult {
	key: string;
	group: Group;
	title: string;
	kind: NodeKind;
	items: number;
	latencyMs: number;
	/** n8n's own `executionTime` of the node under test. */
	nodeMs: number;
	msPerItem: number;
	/** Wall time of the whole `n8n execute` process, start-up and shut-down included. */
	processWallMs: number;
	maxInFlight: number;
	peakRssMiB: number;
	memorySamples: number;
	memoryUnobservedTailMs: number;
	requests: number;
	/** Requests by method and path (ids as :id), e.g. "POST /contacts/filter": 1000. */
	requestMix: Record<string, number>;
	rejected429: number;
	createdOnSimulator: number;
	outputItems: number;
	/** Output items carrying `json.error` (the node gave up on them), plus 1 if the node itself failed. */
	failedItems: number;
	/** Something that makes the figures meaningless (not a slow figure). */
	problems: string[];
	/** The machine's 1-minute load average just before the run: others' work on the same cores skews the figures. */
	loadAverageBefore: number;
	rate?: RateAnalysis;
}

/** "PATCH /api/v1/accounts/1/contacts/17" → "PATCH /contacts/:id". */
function requestMix(requests: RecordedRequest[]): Record<string, number> {
	const mix: Record<string, number> = {};
	for (const request of requests) {
		const path = request.path.replace(/^\/api\/v1\/accounts\/\d+/, '').replace(/\/\d+(?=\/|$)/g, '/:id');
		const key = `${request.method} ${path}`;
		mix[key] = (mix[key] ?? 0) + 1;
	}
	return mix;
}

export interface Bench {
	runtime: N8nRuntime;
	folder: UserFolder;
	simulator: Simulator;
}

function nodeOutcome(execution: ExecutionResult, scenario: Scenario, problems: string[]) {
	const run = execution.runData[TARGET_NODE]?.[0];
	if (execution.error) problems.push(`execution failed: ${String(JSON.stringify(execution.error)).slice(0, 600)}`);
	if (!run) {
		problems.push(`"${TARGET_NODE}" did not run`);
		return { nodeMs: Number.NaN, output: [], failedItems: 0 };
	}
	if (run.executionStatus !== 'success') {
		problems.push(`"${TARGET_NODE}" status ${run.executionStatus}: ${String(JSON.stringify(run.error)).slice(0, 600)}`);
	}
	const output = run.data?.main?.[0] ?? [];
	const failedItems = output.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0);
	if (failedItems > 0 && !scenario.failuresAreResults) problems.push(`${failedItems} item(s) failed`);
	if (output.length !== scenario.items) problems.push(`"${TARGET_NODE}" returned ${output.length} items for ${scenario.items}`);
	if (scenario.expectedAction) {
		const other = output.filter((item) => item.json.action !== scenario.expectedAction);
		if (other.length > 0) {
			problems.push(`${other.length} item(s) not "${scenario.expectedAction}", e.g. action ${JSON.stringify(other[0].json.action)}`);
		}
	}
	return { nodeMs: run.executionTime, output, failedItems };
}

export async function runScenario(bench: Bench, scenario: Scenario): Promise<ScenarioResult> {
	const { runtime, folder, simulator } = bench;
	// A scenario that continues another keeps the contacts it left; every other one starts on an empty simulator.
	if (!scenario.continuesFrom) simulator.reset();
	const firstRequest = simulator.requests().length;
	simulator.setFaults({ latencyMs: scenario.latencyMs });
	simulator.setRateLimit(scenario.rateLimit);
	const problems: string[] = [];
	const loadAverageBefore = loadavg()[0];
	info(`${scenario.title}: running (1-minute load average ${loadAverageBefore.toFixed(2)}) ...`);

	let watch: MemoryWatch | undefined;
	let memory: PeakMemory | undefined;
	let execution: ExecutionResult;
	try {
		execution = await executeWorkflow(runtime, folder, scenario.workflowId, {
			timeoutMs: EXECUTE_TIMEOUT_MS,
			env: scenario.env,
			onSpawn: (pid) => (watch = watchPeakMemory(pid, 50)),
		});
	} finally {
		memory = await watch?.stop();
		simulator.setRateLimit(undefined);
	}
	const outcome = nodeOutcome(execution, scenario, problems);

	const counters = simulator.counters();
	const requests = simulator.requests().slice(firstRequest);
	const contacts = simulator.contacts(SEED.accounts.main);
	const stored = new Set(contacts.map((contact) => contact.email));
	if (scenario.failuresAreResults) {
		// Every item reported as created must exist, and nothing may exist twice or beyond what was sent.
		const reported = outcome.output.length - outcome.failedItems;
		if (contacts.length !== reported) problems.push(`the simulator holds ${contacts.length} contacts, the node reported ${reported} created`);
		if (stored.size !== contacts.length) problems.push(`${contacts.length - stored.size} duplicate contact(s)`);
		const unexpected = contacts.filter((contact) => !scenario.expectedEmails.includes(contact.email ?? ''));
		if (unexpected.length > 0) problems.push(`${unexpected.length} unexpected contact(s), e.g. ${unexpected[0].email}`);
	} else {
		const missing = scenario.expectedEmails.filter((email) => !stored.has(email));
		if (missing.length > 0) problems.push(`${missing.length} contact(s) missing on the simulator, e.g. ${missing[0]}`);
		if (contacts.length !== scenario.expectedEmails.length) {
			problems.push(`the simulator holds ${contacts.length} contacts, expected ${scenario.expectedEmails.length}`);
		}
	}
	const rate = scenario.rateLimit ? analyseRateLimit(requests, scenario.rateLimit) : undefined;
	if (rate && rate.mostAcceptedInOneWindow > rate.limit.limit) {
		problems.push(`the simulator let ${rate.mostAcceptedInOneWindow} requests through in one window (limit ${rate.limit.limit})`);
	}

	if (!memory || memory.samples === 0) problems.push('no memory reading of the n8n process');
	const result: ScenarioResult = {
		key: scenario.key,
		group: scenario.group,
		title: scenario.title,
		kind: scenario.kind,
		items: scenario.items,
		latencyMs: scenario.latencyMs,
		nodeMs: outcome.nodeMs,
		msPerItem: outcome.nodeMs / scenario.items,
		processWallMs: execution.durationMs,
		// The simulator's high-water mark cannot be read for part of its run: a continuation shows none.
		maxInFlight: scenario.continuesFrom ? Number.NaN : counters.maxInFlight,
		peakRssMiB: (memory?.peakRssBytes ?? Number.NaN) / MIB,
		memorySamples: memory?.samples ?? 0,
		memoryUnobservedTailMs: memory?.unobservedTailMs ?? Number.NaN,
		requests: requests.length,
		requestMix: requestMix(requests),
		rejected429: requests.filter((request) => request.status === 429).length,
		createdOnSimulator: contacts.length,
		outputItems: outcome.output.length,
		failedItems: outcome.failedItems,
		problems,
		loadAverageBefore,
		rate,
	};
	info(
		`${scenario.title}: node ${result.nodeMs} ms (${result.msPerItem.toFixed(2)} ms/item), process ${result.processWallMs} ms, ` +
			`created ${result.createdOnSimulator}, failed ${result.failedItems}, 429s ${result.rejected429}, ` +
			`max in flight ${Number.isFinite(result.maxInFlight) ? result.maxInFlight : 'n/a'}, peak RSS ${result.peakRssMiB.toFixed(0)} MiB` +
			(problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''),
	);
	return result;
}
