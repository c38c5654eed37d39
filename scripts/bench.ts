/**
 * Benchmark in a real n8n against the in-process Chatwoot simulator: this node's Contact → Create next to
 * n8n's own HTTP Request node doing the same POST, Create or Update next to Create, a bulk import against
 * Chatwoot's rate limiter, and the memory cost of 5 MB avatars. Prints its tables (and writes them to test-artifacts/bench/); it fails only
 * when something broke (a run crashed, contacts are missing or doubled), never because a number is slow.
 *
 *   npm run bench                         every group
 *   npm run bench -- --only rate          one group (or several: --only compare,memory)
 *   npm run bench -- --quick              a tenth of the items, to check that the scenarios run
 *   npm run bench -- --list               the groups
 */
import { randomBytes } from 'node:crypto';
import { cpus, totalmem } from 'node:os';
import { mkdir, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

import { DEFAULT_REQUESTS_IN_FLIGHT } from '../nodes/Chatwoot/actions/runOptions';
import { SEED } from '../test/simulator/seed';
import { startSimulator, type Simulator } from '../test/simulator';
import { runScenario, type ScenarioResult } from './bench/measure';
import { report } from './bench/report';
import { AVATAR_BYTES, AVATAR_ITEMS, buildScenarios, GROUPS, type Group } from './bench/scenarios';
import { HTTP_CREDENTIAL, HTTP_REQUEST_VERSION, linearWorkflow, paddedPng } from './bench/workflows';
import { info, seconds } from './lib/log';
import {
	createUserFolder,
	ensureN8nRuntime,
	MissingBuildToolsError,
	N8N_VERSION,
	NODE_VERSION,
	removeUserFolder,
	type UserFolder,
} from './lib/n8n-runtime';
import { packProject } from './lib/pack';
import { repoRoot } from './lib/paths';
import { NODE_TYPE, prepareUserFolder, simulatorTarget } from './lib/setup';
import { runScript } from './lib/script';
import { makeTempDir, removeTempDir } from './lib/temp';

const OVERALL_TIMEOUT_MS = 45 * 60_000;
const ALL_GROUPS = Object.keys(GROUPS) as Group[];

interface Options {
	groups: Group[];
	scale: number;
}

function usage(): string {
	return [
		'npm run bench [-- --only <group>[,<group>...]] [--quick]',
		'groups:',
		...ALL_GROUPS.map((group) => `  ${group.padEnd(8)} ${GROUPS[group]}`),
	].join('\n');
}

function parseArgs(args: string[]): Options | undefined {
	let groups = ALL_GROUPS;
	let scale = 1;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--list' || arg === '--help') return undefined;
		if (arg === '--quick') scale = 0.1;
		else if (arg === '--only' || arg.startsWith('--only=')) {
			const value = arg === '--only' ? args[++i] : arg.slice('--only='.length);
			const wanted = (value ?? '').split(',').map((group) => group.trim()).filter(Boolean);
			const unknown = wanted.filter((group) => !ALL_GROUPS.includes(group as Group));
			if (wanted.length === 0 || unknown.length > 0) throw new Error(`unknown group "${unknown.join(', ') || value}"\n${usage()}`);
			groups = ALL_GROUPS.filter((group) => wanted.includes(group));
		} else throw new Error(`unknown argument "${arg}"\n${usage()}`);
	}
	return { groups, scale };
}

async function main(): Promise<boolean> {
	let options: Options | undefined;
	try {
		options = parseArgs(process.argv.slice(2));
	} catch (error) {
		console.error((error as Error).message);
		return false;
	}
	if (!options) {
		console.log(usage());
		return true;
	}
	const begin = Date.now();
	const artifacts = join(repoRoot(), 'test-artifacts', 'bench');
	await mkdir(artifacts, { recursive: true });
	const scratch = await makeTempDir('chatwoot-bench-');
	const avatarDir = await realpath(await makeTempDir('chatwoot-bench-avatars-'));
	const runId = randomBytes(4).toString('hex');
	let simulator: Simulator | undefined;
	let folder: UserFolder | undefined;
	const results: ScenarioResult[] = [];
	let failure: string | undefined;
	try {
		info(`groups: ${options.groups.join(', ')}${options.scale !== 1 ? ` (--quick: ${options.scale} × the items; figures not comparable)` : ''}`);
		const tarball = await packProject(scratch);
		const runtime = await ensureN8nRuntime();
		simulator = await startSimulator({ port: 0 });
		info(`Chatwoot simulator on ${simulator.url}`);
		folder = await createUserFolder();

		const avatarItems = options.groups.includes('memory') ? Math.max(1, Math.round(AVATAR_ITEMS * options.scale)) : 0;
		const avatarNames = Array.from({ length: avatarItems }, (_, i) => `avatar-${runId}-${String(i).padStart(3, '0')}`);
		const scenarios = buildScenarios(
			{ simulatorUrl: simulator.url, runId, avatarDir, avatarNames, scale: options.scale },
			options.groups,
		);

		// Two n8n start-ups for the whole set-up: one import of both credentials, one of every workflow.
		const setupBegin = Date.now();
		const prepared = await prepareUserFolder(runtime, folder, tarball, simulatorTarget(simulator.url), {
			extraCredentials: [
				{ ...HTTP_CREDENTIAL, type: 'httpHeaderAuth', data: { name: 'Api-Access-Token', value: SEED.tokens.admin } },
			],
			extraWorkflows: scenarios.map((scenario) =>
				linearWorkflow(scenario.workflowId, `Benchmark: ${scenario.title}`, scenario.nodes),
			),
		});
		info(`n8n user folder prepared (package ${prepared.packageVersion}, ${scenarios.length} workflows) in ${seconds(setupBegin)}`);

		if (avatarItems > 0) {
			const fileBegin = Date.now();
			for (let i = 0; i < avatarNames.length; i++) {
				await writeFile(join(avatarDir, `${avatarNames[i]}.png`), paddedPng(AVATAR_BYTES, i));
			}
			info(`${avatarItems} PNG files of ${AVATAR_BYTES} bytes written to ${avatarDir} in ${seconds(fileBegin)}`);
		}

		for (const scenario of scenarios) results.push(await runScenario({ runtime, folder, simulator }, scenario));

		const cpuModel = cpus()[0]?.model ?? 'unknown CPU';
		const measuredAt = new Date().toISOString();
		const notes = [
			`measured ${measuredAt.slice(0, 16).replace('T', ' ')} UTC${options.scale !== 1 ? ' with --quick (a tenth of the items): a smoke run, not figures to quote' : ''}`,
			`machine: ${cpus().length} cores (${cpuModel}), ${(totalmem() / 1024 ** 3).toFixed(1)} GiB RAM; n8n ${N8N_VERSION} on Node.js ${NODE_VERSION}; ` +
				`benchmark and simulator on Node.js ${process.version.slice(1)}; ${NODE_TYPE} ${prepared.packageVersion} installed from its npm pack tarball`,
			'each scenario is one `n8n execute` process (its own peak RSS) on a fresh simulator (127.0.0.1, in the benchmark process), except "the same … again", ' +
				'which runs on the contacts the scenario before it created; the simulator and n8n share the same cores',
			'Requests = requests the simulator received during the scenario (every endpoint, any answer); Requests/item = Requests / items',
			"Node ms = the node's `executionTime` recorded by n8n (runData[node][0]); ratio = this node's ms / HTTP Request's ms at the same latency " +
				"(Create or Update: / Create's ms at the same latency)",
			'Max in flight = the most requests the simulator was handling at once; Peak RSS = VmHWM of the n8n process itself (sampled from /proc every 50 ms), in MiB',
			`this node with default options (Requests in Flight ${DEFAULT_REQUESTS_IN_FLIGHT}) unless a table says otherwise; HTTP Request ${HTTP_REQUEST_VERSION} with default options`,
			'rate limit: the simulator counts fixed windows aligned to the wall clock (floor(time / window)), every request included, like Chatwoot\'s rack-attack; ' +
				'"let through" = requests not answered 429 in that window; the node runs with "On Error: Continue", so an item it gives up on is counted as failed; ' +
				'"throughput once the first window is spent" = contacts created in the windows after the first one that ran out (the last window only if it saw 429s, ' +
				'i.e. items were still waiting in it; otherwise it only held the remainder), divided by what the limit allowed in those windows',
			`1-minute load average before each scenario (${cpus().length} cores): ` +
				results.map((result) => `${result.key} ${result.loadAverageBefore.toFixed(2)}`).join(', ') +
				"; it includes the previous scenario's own n8n process, and other work on the machine makes every ms figure grow: compare figures from the same run",
			`total benchmark time ${seconds(begin)}`,
		];
		const { text, targets } = report(results, notes);
		console.log(`\n${text}\n`);
		const stem = `results-${options.groups.join('+')}`;
		await writeFile(join(artifacts, `${stem}.md`), `${text}\n`);
		await writeFile(
			join(artifacts, `${stem}.json`),
			JSON.stringify(
				{
					measuredAt,
					groups: options.groups,
					scale: options.scale,
					machine: { cores: cpus().length, cpuModel, totalMemGiB: totalmem() / 1024 ** 3 },
					versions: { n8n: N8N_VERSION, n8nNode: NODE_VERSION, benchNode: process.version, package: prepared.packageVersion },
					results,
					targets,
					notes,
				},
				null,
				2,
			),
		);
		info(`tables written to ${join(artifacts, `${stem}.md`)} (and .json)`);
	} catch (error) {
		failure =
			error instanceof MissingBuildToolsError ? error.message : error instanceof Error ? (error.stack ?? error.message) : String(error);
		console.error(`benchmark could not finish: ${failure}`);
	} finally {
		await simulator?.close().catch((error: Error) => info(`stopping the simulator: ${error.message}`));
		if (folder) await removeUserFolder(folder);
		await removeTempDir(avatarDir);
		await removeTempDir(scratch);
	}
	const broken = results.filter((result) => result.problems.length > 0);
	for (const result of broken) console.error(`BROKEN: ${result.title}: ${result.problems.join('; ')}`);
	return !failure && broken.length === 0;
}

runScript('bench', OVERALL_TIMEOUT_MS, main);
