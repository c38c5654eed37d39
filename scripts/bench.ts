/**
 * Benchmark in a real n8n against the in-process Chatwoot simulator: this node's Contact → Create next to
 * n8n's own HTTP Request node doing the same POST, a rate-limited bulk import, and the memory cost of
 * 5 MB avatars. Prints figures and their targets; it fails only when something broke (an item errored,
 * contacts are missing), never because a number is slow.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DEFAULT_REQUESTS_IN_FLIGHT } from '../nodes/Chatwoot/actions/runOptions';
import { SEED } from '../test/simulator/seed';
import { startSimulator, type RateLimitOptions, type RecordedRequest, type Simulator } from '../test/simulator';
import { info, seconds } from './lib/log';
import { watchPeakMemory, type MemoryWatch, type PeakMemory } from './lib/memory';
import {
	createUserFolder,
	ensureN8nRuntime,
	executeWorkflow,
	importCredentials,
	importWorkflow,
	N8N_VERSION,
	NODE_VERSION,
	removeUserFolder,
	type ExecutionResult,
	type N8nRuntime,
	type UserFolder,
} from './lib/n8n-runtime';
import { packProject } from './lib/pack';
import { repoRoot } from './lib/paths';
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, NODE_TYPE, prepareUserFolder, simulatorTarget, type WorkflowNode } from './lib/setup';
import { runScript } from './lib/script';

const OVERALL_TIMEOUT_MS = 30 * 60_000;
const EXECUTE_TIMEOUT_MS = 5 * 60_000;

const ITEMS = 1_000;
const LATENCIES_MS = [0, 20];
const RATE_LIMIT: RateLimitOptions = { limit: 600, windowMs: 10_000 };
const RATE_LIMIT_ITEMS = 1_500;
const RATE_LIMIT_MAX_RETRY_DELAY_MS = 10_000;
const AVATAR_ITEMS = 200;
const AVATAR_BYTES = 5 * 1024 * 1024;
const MEMORY_GROWTH_TARGET_MIB = 150;
const HTTP_REQUEST_MS_PER_ITEM_BEFORE = '~4-5';

const HTTP_CREDENTIAL = { id: 'BenchHeaderAuth1', name: 'Chatwoot token as header (benchmark)' };
const CHATWOOT_CREDENTIAL = { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } };
const TARGET_NODE = 'Target';
const MIB = 1024 * 1024;

type NodeKind = 'chatwoot' | 'httpRequest';

interface Scenario {
	key: string;
	title: string;
	kind: NodeKind;
	workflowId: string;
	nodes: WorkflowNode[];
	items: number;
	latencyMs: number;
	rateLimit?: RateLimitOptions;
	/** The emails that must exist on the simulator afterwards. */
	expectedEmails: string[];
	env?: Record<string, string>;
}

interface ScenarioResult {
	key: string;
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
	rejected429: number;
	createdOnSimulator: number;
	outputItems: number;
	itemErrors: number;
	problems: string[];
	/** The machine's 1-minute load average just before the run: others' work on the same cores skews the figures. */
	loadAverageBefore: number;
	/** Only for rate-limited runs: successful creates per rate-limit window. */
	createsPerWindow?: number[];
}

// ---------------------------------------------------------------------------------------------------
// Workflows

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, x: number): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters };
}

const manualTrigger = () => node("When clicking 'Execute workflow'", 'n8n-nodes-base.manualTrigger', 1, {}, 0);

function contactsCodeNode(emailPrefix: string, count: number): WorkflowNode {
	const jsCode = [
		'const items = [];',
		`for (let i = 0; i < ${count}; i++) {`,
		`  items.push({ json: { name: 'Bench Contact ' + i, email: '${emailPrefix}-' + i + '@bench.example.com' } });`,
		'}',
		'return items;',
	].join('\n');
	return node('Generate contacts', 'n8n-nodes-base.code', 2, { jsCode }, 220);
}

const emailsFor = (emailPrefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${emailPrefix}-${i}@bench.example.com`);

function chatwootCreate(fields: Record<string, unknown>, options: Record<string, unknown> = {}): WorkflowNode {
	return {
		...node(
			TARGET_NODE,
			NODE_TYPE,
			1,
			{
				resource: 'contact',
				operation: 'create',
				accountId: SEED.accounts.main,
				inboxId: SEED.inboxes.api,
				avatarSource: 'none',
				...fields,
				options,
			},
			440,
		),
		credentials: CHATWOOT_CREDENTIAL,
	};
}

function httpRequestCreate(simulatorUrl: string): WorkflowNode {
	return {
		...node(
			TARGET_NODE,
			'n8n-nodes-base.httpRequest',
			4.5,
			{
				method: 'POST',
				url: `${simulatorUrl}/api/v1/accounts/${SEED.accounts.main}/contacts`,
				authentication: 'genericCredentialType',
				genericAuthType: 'httpHeaderAuth',
				sendBody: true,
				specifyBody: 'json',
				jsonBody: `={{ JSON.stringify({ name: $json.name, email: $json.email, inbox_id: ${SEED.inboxes.api} }) }}`,
				options: {},
			},
			440,
		),
		credentials: { httpHeaderAuth: { ...HTTP_CREDENTIAL } },
	};
}

function linearWorkflow(id: string, name: string, nodes: WorkflowNode[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** A PNG signature and a valid IHDR chunk, then filler: enough for every check that sniffs the bytes. */
function paddedPng(size: number, index: number): Buffer {
	const file = Buffer.alloc(size, 0);
	Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(file, 0);
	file.writeUInt32BE(13, 8);
	file.write('IHDR', 12, 'latin1');
	file.writeUInt32BE(64, 16); // width
	file.writeUInt32BE(64, 20); // height
	file.writeUInt8(8, 24); // bit depth
	file.writeUInt8(6, 25); // RGBA
	// bytes 26-28 (compression, filter, interlace) stay 0; 29-32 would be the CRC, irrelevant to sniffing.
	file.writeUInt32BE(index, 64); // each file distinct
	return file;
}

// ---------------------------------------------------------------------------------------------------
// Running and measuring

interface Context {
	runtime: N8nRuntime;
	folder: UserFolder;
	simulator: Simulator;
}

function nodeOutcome(execution: ExecutionResult, expectedItems: number, problems: string[]) {
	const run = execution.runData[TARGET_NODE]?.[0];
	if (execution.error) problems.push(`execution failed: ${String(JSON.stringify(execution.error)).slice(0, 600)}`);
	if (!run) {
		problems.push(`"${TARGET_NODE}" did not run`);
		return { nodeMs: Number.NaN, outputItems: 0, itemErrors: 0 };
	}
	if (run.executionStatus !== 'success') {
		problems.push(`"${TARGET_NODE}" status ${run.executionStatus}: ${String(JSON.stringify(run.error)).slice(0, 600)}`);
	}
	const output = run.data?.main?.[0] ?? [];
	const itemErrors = output.filter((item) => item.json.error !== undefined).length + (run.error ? 1 : 0);
	if (itemErrors > 0) problems.push(`${itemErrors} item(s) errored`);
	if (output.length !== expectedItems) problems.push(`"${TARGET_NODE}" returned ${output.length} items for ${expectedItems}`);
	return { nodeMs: run.executionTime, outputItems: output.length, itemErrors };
}

function createsPerWindow(requests: RecordedRequest[], windowMs: number): number[] {
	const perWindow = new Map<number, number>();
	for (const request of requests) {
		if (request.method !== 'POST' || !/\/contacts$/.test(request.path)) continue;
		if (request.status < 200 || request.status >= 300) continue;
		const window = Math.floor(request.receivedAt / windowMs);
		perWindow.set(window, (perWindow.get(window) ?? 0) + 1);
	}
	return [...perWindow.entries()].sort(([a], [b]) => a - b).map(([, count]) => count);
}

async function runScenario(context: Context, scenario: Scenario): Promise<ScenarioResult> {
	const { runtime, folder, simulator } = context;
	simulator.reset();
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
	}
	const outcome = nodeOutcome(execution, scenario.items, problems);

	const counters = simulator.counters();
	const contacts = simulator.contacts(SEED.accounts.main);
	const stored = new Set(contacts.map((contact) => contact.email));
	const missing = scenario.expectedEmails.filter((email) => !stored.has(email));
	if (missing.length > 0) problems.push(`${missing.length} contact(s) missing on the simulator, e.g. ${missing[0]}`);
	if (contacts.length !== scenario.expectedEmails.length) {
		problems.push(`the simulator holds ${contacts.length} contacts, expected ${scenario.expectedEmails.length}`);
	}
	const perWindow = scenario.rateLimit ? createsPerWindow(simulator.requests(), scenario.rateLimit.windowMs) : undefined;
	simulator.reset();

	const result: ScenarioResult = {
		key: scenario.key,
		title: scenario.title,
		kind: scenario.kind,
		items: scenario.items,
		latencyMs: scenario.latencyMs,
		nodeMs: outcome.nodeMs,
		msPerItem: outcome.nodeMs / scenario.items,
		processWallMs: execution.durationMs,
		maxInFlight: counters.maxInFlight,
		peakRssMiB: (memory?.peakRssBytes ?? Number.NaN) / MIB,
		memorySamples: memory?.samples ?? 0,
		memoryUnobservedTailMs: memory?.unobservedTailMs ?? Number.NaN,
		requests: counters.requests,
		rejected429: counters.rejected429,
		createdOnSimulator: contacts.length,
		outputItems: outcome.outputItems,
		itemErrors: outcome.itemErrors,
		problems,
		loadAverageBefore,
		createsPerWindow: perWindow,
	};
	if (!memory || memory.samples === 0) problems.push('no memory reading of the n8n process');
	info(
		`${scenario.title}: node ${result.nodeMs} ms (${result.msPerItem.toFixed(2)} ms/item), process ${result.processWallMs} ms, ` +
			`max in flight ${result.maxInFlight}, peak RSS ${result.peakRssMiB.toFixed(0)} MiB ` +
			`(${result.memorySamples} samples, last ${result.memoryUnobservedTailMs} ms before the end)` +
			(problems.length ? `; PROBLEMS: ${problems.join('; ')}` : ''),
	);
	return result;
}

// ---------------------------------------------------------------------------------------------------
// Report

const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)}` : 'n/a');
const fixed = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : 'n/a');
const verdict = (met: boolean) => (met ? 'met' : 'NOT met');

function table(header: string[], rows: string[][]): string {
	const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => row[column].length)));
	const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
	return [line(header), `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

interface Target {
	target: string;
	measured: string;
	met: boolean;
}

function report(results: ScenarioResult[], notes: string[]) {
	const byKey = new Map(results.map((result) => [result.key, result]));
	const targets: Target[] = [];
	const lines: string[] = [];

	const comparisonRows = results
		.filter((result) => !result.key.startsWith('ratelimit') && !result.key.startsWith('avatar'))
		.map((result) => {
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
	lines.push(
		table(
			['Scenario', 'Latency', 'Items', 'Node ms', 'ms/item', 'Ratio to HTTP Request', 'Max in flight', 'Peak RSS MiB'],
			comparisonRows,
		),
	);

	for (const latency of LATENCIES_MS) {
		const own = byKey.get(`chatwoot-${latency}ms`);
		const http = byKey.get(`http-${latency}ms`);
		if (!own || !http) continue;
		if (latency === 0) {
			targets.push({
				target: `0 ms latency: this node ≤ HTTP Request in ms/item (HTTP Request measured before: ${HTTP_REQUEST_MS_PER_ITEM_BEFORE} ms/item)`,
				measured: `${fixed(own.msPerItem)} vs ${fixed(http.msPerItem)} ms/item`,
				met: own.msPerItem <= http.msPerItem,
			});
		} else {
			targets.push({
				target: `${latency} ms latency: this node (default ${DEFAULT_REQUESTS_IN_FLIGHT} in flight) finishes no later than HTTP Request`,
				measured: `${ms(own.nodeMs)} vs ${ms(http.nodeMs)} ms`,
				met: own.nodeMs <= http.nodeMs,
			});
		}
	}

	const rate = byKey.get('ratelimit');
	if (rate) {
		const windows = rate.createsPerWindow ?? [];
		const most = windows.length ? Math.max(...windows) : 0;
		lines.push('', `### Rate limit: ${RATE_LIMIT.limit} requests per ${RATE_LIMIT.windowMs / 1000} s window, ${rate.items} items, Max Retry Delay ${RATE_LIMIT_MAX_RETRY_DELAY_MS} ms`, '');
		lines.push(
			table(
				['Node ms', 'Requests', '429s seen', 'Created', 'Errors', 'Creates per window', 'Most in one window', 'Peak RSS MiB'],
				[
					[
						ms(rate.nodeMs),
						String(rate.requests),
						String(rate.rejected429),
						`${rate.createdOnSimulator} / ${rate.items}`,
						String(rate.itemErrors),
						windows.join(', ') || 'none',
						`${most} (limit ${RATE_LIMIT.limit})`,
						fixed(rate.peakRssMiB, 0),
					],
				],
			),
		);
		targets.push({
			target: `rate limit never exceeded (successful creates per ${RATE_LIMIT.windowMs / 1000} s window ≤ ${RATE_LIMIT.limit}), 0 errors`,
			measured: `most ${most} in one window, ${rate.itemErrors} errors, ${rate.createdOnSimulator}/${rate.items} created`,
			met: most <= RATE_LIMIT.limit && rate.itemErrors === 0 && rate.createdOnSimulator === rate.items,
		});
	}

	const none = byKey.get('avatar-none');
	const binary = byKey.get('avatar-binary');
	if (none && binary) {
		const growth = binary.peakRssMiB - none.peakRssMiB;
		lines.push('', `### Memory: ${AVATAR_ITEMS} items read from disk (${AVATAR_BYTES / MIB} MB PNG each) → Create with / without avatar upload`, '');
		lines.push(
			table(
				['Scenario', 'Node ms', 'ms/item', 'Peak RSS MiB', 'Growth vs no upload MiB'],
				[
					[none.title, ms(none.nodeMs), fixed(none.msPerItem), fixed(none.peakRssMiB, 0), '-'],
					[binary.title, ms(binary.nodeMs), fixed(binary.msPerItem), fixed(binary.peakRssMiB, 0), fixed(growth, 0)],
				],
			),
		);
		targets.push({
			target: `peak RSS growth for ${AVATAR_ITEMS} × ${AVATAR_BYTES / MIB} MB avatars < ${MEMORY_GROWTH_TARGET_MIB} MB (MiB)`,
			measured: `${fixed(growth, 0)} MiB`,
			met: growth < MEMORY_GROWTH_TARGET_MIB,
		});
	}

	lines.push('', '### Targets (printed, not asserted)', '');
	lines.push(table(['Target', 'Measured', 'Result'], targets.map((t) => [t.target, t.measured, verdict(t.met)])));
	lines.push('', '### Notes', '', ...notes.map((note) => `- ${note}`));
	return { text: lines.join('\n'), targets };
}

// ---------------------------------------------------------------------------------------------------

async function main(): Promise<boolean> {
	const begin = Date.now();
	const artifacts = join(repoRoot(), 'test-artifacts', 'bench');
	await mkdir(artifacts, { recursive: true });
	const scratch = await mkdtemp(join(tmpdir(), 'chatwoot-bench-'));
	const avatarDir = await realpath(await mkdtemp(join(tmpdir(), 'chatwoot-bench-avatars-')));
	const runId = randomBytes(4).toString('hex');
	let simulator: Simulator | undefined;
	let folder: UserFolder | undefined;
	const results: ScenarioResult[] = [];
	let failure: string | undefined;
	try {
		const tarball = await packProject(scratch);
		const runtime = await ensureN8nRuntime();
		simulator = await startSimulator({ port: 0 });
		info(`Chatwoot simulator on ${simulator.url}`);
		folder = await createUserFolder();
		const setupBegin = Date.now();
		const prepared = await prepareUserFolder(runtime, folder, tarball, simulatorTarget(simulator.url));
		await importCredentials(runtime, folder, [
			{ ...HTTP_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Api-Access-Token', value: SEED.tokens.admin } },
		]);

		const scenarios: Scenario[] = [];
		for (const latencyMs of LATENCIES_MS) {
			const pad = String(latencyMs).padStart(3, '0');
			const ownPrefix = `cw${latencyMs}-${runId}`;
			scenarios.push({
				key: `chatwoot-${latencyMs}ms`,
				title: `Chatwoot node, ${latencyMs} ms`,
				kind: 'chatwoot',
				workflowId: `BenchChatwoot${pad}`,
				nodes: [
					manualTrigger(),
					contactsCodeNode(ownPrefix, ITEMS),
					chatwootCreate({ name: '={{ $json.name }}', email: '={{ $json.email }}' }),
				],
				items: ITEMS,
				latencyMs,
				expectedEmails: emailsFor(ownPrefix, ITEMS),
			});
			const httpPrefix = `http${latencyMs}-${runId}`;
			scenarios.push({
				key: `http-${latencyMs}ms`,
				title: `HTTP Request node, ${latencyMs} ms`,
				kind: 'httpRequest',
				workflowId: `BenchHttpReq${String(latencyMs).padStart(4, '0')}`,
				nodes: [manualTrigger(), contactsCodeNode(httpPrefix, ITEMS), httpRequestCreate(simulator.url)],
				items: ITEMS,
				latencyMs,
				expectedEmails: emailsFor(httpPrefix, ITEMS),
			});
		}
		const ratePrefix = `rl-${runId}`;
		scenarios.push({
			key: 'ratelimit',
			title: 'Chatwoot node, rate limited',
			kind: 'chatwoot',
			workflowId: 'BenchRateLimit01',
			nodes: [
				manualTrigger(),
				contactsCodeNode(ratePrefix, RATE_LIMIT_ITEMS),
				chatwootCreate(
					{ name: '={{ $json.name }}', email: '={{ $json.email }}' },
					{ maxRetryDelay: RATE_LIMIT_MAX_RETRY_DELAY_MS },
				),
			],
			items: RATE_LIMIT_ITEMS,
			latencyMs: 0,
			rateLimit: RATE_LIMIT,
			expectedEmails: emailsFor(ratePrefix, RATE_LIMIT_ITEMS),
		});

		const avatarPrefix = `avatar-${runId}`;
		const avatarNames = Array.from({ length: AVATAR_ITEMS }, (_, i) => `${avatarPrefix}-${String(i).padStart(3, '0')}`);
		const readFiles = () =>
			node(
				'Read avatars from disk',
				'n8n-nodes-base.readWriteFile',
				1.1,
				{ operation: 'read', fileSelector: `${avatarDir}/*.png`, options: {} },
				220,
			);
		const fromFileName = {
			name: "={{ $json.fileName.replace('.png', '') }}",
			email: "={{ $json.fileName.replace('.png', '') + '@bench.example.com' }}",
		};
		for (const withAvatar of [false, true]) {
			scenarios.push({
				key: withAvatar ? 'avatar-binary' : 'avatar-none',
				title: withAvatar ? `Chatwoot node, ${AVATAR_ITEMS} × 5 MB avatars uploaded` : `Chatwoot node, ${AVATAR_ITEMS} items, no upload`,
				kind: 'chatwoot',
				workflowId: withAvatar ? 'BenchAvatarFile1' : 'BenchAvatarNone1',
				nodes: [
					manualTrigger(),
					readFiles(),
					chatwootCreate(withAvatar ? { ...fromFileName, avatarSource: 'binary', binaryPropertyName: 'data' } : fromFileName),
				],
				items: AVATAR_ITEMS,
				latencyMs: 0,
				expectedEmails: avatarNames.map((name) => `${name}@bench.example.com`),
				// n8n 2.x only lets nodes read files under N8N_RESTRICT_FILE_ACCESS_TO (default ~/.n8n-files).
				env: { N8N_RESTRICT_FILE_ACCESS_TO: avatarDir },
			});
		}

		for (const scenario of scenarios) {
			await importWorkflow(runtime, folder, linearWorkflow(scenario.workflowId, `Benchmark: ${scenario.title}`, scenario.nodes));
		}
		info(`n8n user folder prepared (package ${prepared.packageVersion}, ${scenarios.length} workflows) in ${seconds(setupBegin)}`);

		const fileBegin = Date.now();
		for (let i = 0; i < avatarNames.length; i++) {
			await writeFile(join(avatarDir, `${avatarNames[i]}.png`), paddedPng(AVATAR_BYTES, i));
		}
		info(`${AVATAR_ITEMS} PNG files of ${AVATAR_BYTES} bytes written to ${avatarDir} in ${seconds(fileBegin)}`);

		for (const scenario of scenarios) results.push(await runScenario({ runtime, folder, simulator }, scenario));

		const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
		const notes = [
			`machine: ${cpus().length} cores (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM; n8n ${N8N_VERSION} on Node.js ${NODE_VERSION}; ` +
				`benchmark and simulator on Node.js ${process.version.slice(1)}; ${NODE_TYPE} ${prepared.packageVersion} installed from its npm pack tarball`,
			'each scenario is one `n8n execute` process on a fresh simulator (127.0.0.1, in the benchmark process); the simulator and n8n share the same cores',
			'Node ms = the node\'s `executionTime` recorded by n8n (runData[node][0]); ratio = this node\'s ms / HTTP Request\'s ms at the same latency',
			'Max in flight = the most requests the simulator was handling at once; Peak RSS = VmHWM of the n8n process itself (sampled from /proc every 50 ms until it exited; ' +
				`the last reading came at most ${ms(Math.max(...results.map((result) => result.memoryUnobservedTailMs)))} ms before the process was gone), in MiB`,
			`this node with default options (Requests in Flight ${DEFAULT_REQUESTS_IN_FLIGHT}); HTTP Request 4.5 with default options (no batching: all items at once); ` +
				`HTTP Request ms/item measured before: ${HTTP_REQUEST_MS_PER_ITEM_BEFORE}`,
			`rate limit: simulator fixed ${RATE_LIMIT.windowMs / 1000} s windows aligned to the epoch, every request counts; creates per window from the simulator's request log (status 2xx by floor(receivedAt / windowMs))`,
			`memory: ${AVATAR_ITEMS} PNG files (signature + IHDR + padding) read by "Read/Write Files from Disk" into n8n's filesystem binary store, then Create with Avatar "From Binary Data" vs "None"`,
			`1-minute load average before each scenario (${cpus().length} cores): ` +
				results.map((result) => `${result.key} ${result.loadAverageBefore.toFixed(2)}`).join(', ') +
				'; it includes the previous scenario\'s own n8n process, and whatever else runs on the machine makes every ms figure grow, so compare figures from the same run',
			`total benchmark time ${seconds(begin)}`,
		];
		const { text, targets } = report(results, notes);
		console.log(`\n${text}\n`);
		await writeFile(
			join(artifacts, 'results.json'),
			JSON.stringify(
				{
					generatedAt: new Date().toISOString(),
					machine: { cores: cpus().length, cpuModel, totalMemGiB: totalmem() / 1024 ** 3 },
					versions: { n8n: N8N_VERSION, n8nNode: NODE_VERSION, benchNode: process.version, package: prepared.packageVersion },
					settings: {
						items: ITEMS,
						latenciesMs: LATENCIES_MS,
						rateLimit: RATE_LIMIT,
						rateLimitItems: RATE_LIMIT_ITEMS,
						rateLimitMaxRetryDelayMs: RATE_LIMIT_MAX_RETRY_DELAY_MS,
						avatarItems: AVATAR_ITEMS,
						avatarBytes: AVATAR_BYTES,
					},
					results,
					targets,
					notes,
				},
				null,
				2,
			),
		);
		info(`results written to ${join(artifacts, 'results.json')}`);
	} catch (error) {
		failure = error instanceof Error ? (error.stack ?? error.message) : String(error);
		console.error(`benchmark could not finish: ${failure}`);
	} finally {
		await simulator?.close().catch((error: Error) => info(`stopping the simulator: ${error.message}`));
		if (folder) await removeUserFolder(folder);
		await rm(avatarDir, { recursive: true, force: true });
		await rm(scratch, { recursive: true, force: true });
	}
	const broken = results.filter((result) => result.problems.length > 0);
	for (const result of broken) console.error(`BROKEN: ${result.title}: ${result.problems.join('; ')}`);
	return !failure && broken.length === 0;
}

runScript('bench', OVERALL_TIMEOUT_MS, main);
