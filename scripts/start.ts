/**
 * `npm start`: a local n8n with this node installed, a Chatwoot credential and the example workflows,
 * against the Chatwoot simulator (or a real Chatwoot given CHATWOOT_BASE_URL and CHATWOOT_API_TOKEN).
 *   npm start -- --headless   (or DEMO_HEADLESS=1) runs the example once instead of opening the editor
 *   npm start -- --reset      imports the example credential and workflow again, replacing the user's edits
 * The n8n folder (.n8n-demo) persists: a restart keeps the credential and workflows as the user left them.
 * N8N_VERSION=1.123.81 npm start runs the demo on n8n 1.x (its own runtime cache and folder, .n8n-demo/n8n-1.123.81).
 */
import { join } from 'node:path';

import { startSimulator, type Simulator } from '../test/simulator';
import { InvalidBaseUrlError } from '../nodes/Chatwoot/helpers/baseUrl';
import { realChatwootBaseUrl, realChatwootTarget, wantsRealChatwoot } from './lib/chatwoot-target';
import { DemoBusyError, lockDemoFolder, portIsFree, readDemoState, writeDemoState, type DemoState } from './lib/demo-folder';
import { exitOnSignal } from './lib/script';
import { info, seconds } from './lib/log';
import { storedIds } from './lib/n8n-db';
import {
	DEFAULT_N8N_VERSION,
	ensureN8nRuntime,
	executeWorkflow,
	MissingBuildToolsError,
	N8N_VERSION,
	persistentUserFolder,
	startEditor,
	type Editor,
	type N8nRuntime,
	type UserFolder,
} from './lib/n8n-runtime';
import { packProject } from './lib/pack';
import { repoRoot } from './lib/paths';
import {
	chatwootExample,
	chatwootNodes,
	EXAMPLE_CREDENTIAL,
	prepareUserFolder,
	simulatorTarget,
	type ChatwootTarget,
	type ExampleWorkflow,
} from './lib/setup';
import { makeTempDir, removeTempDir } from './lib/temp';

const args = process.argv.slice(2);
const headless = args.includes('--headless') || process.env.DEMO_HEADLESS === '1';
const reset = args.includes('--reset');

/** A problem the user can fix: printed as is, without a stack. */
class DemoError extends Error {}

function parsePort(name: string, raw: string | undefined, fallback: number): number {
	if (raw === undefined || raw.trim() === '') return fallback;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) throw new DemoError(`${name} must be a port number, not "${raw}"`);
	return port;
}

/**
 * Against a real Chatwoot the example would create the same three e-mail addresses on every run, and the
 * second run would fail on duplicates: the address gets a per-run suffix (ada.lovelace+1764478800123@…).
 */
function uniqueEmailsPerRun(workflow: ExampleWorkflow): ExampleWorkflow {
	for (const node of chatwootNodes(workflow)) {
		const email = node.parameters.email;
		if (typeof email !== 'string' || !email.startsWith('={{') || !email.endsWith('}}')) continue;
		const inner = email.slice(3, -2).trim();
		node.parameters.email = `={{ String(${inner}).replace('@', '+' + $now.toMillis() + '@') }}`;
	}
	return workflow;
}

async function runOnce(runtime: N8nRuntime, folder: UserFolder, workflow: ExampleWorkflow): Promise<boolean> {
	const nodeName = chatwootNodes(workflow)[0]?.name;
	info(`Running "${workflow.name}" once with n8n execute ...`);
	const execution = await executeWorkflow(runtime, folder, workflow.id, { timeoutMs: 300_000 });
	if (execution.error) {
		console.error(`The workflow failed: ${execution.error.message ?? JSON.stringify(execution.error)}`);
		const nodeError = nodeName ? execution.runData[nodeName]?.[0]?.error : undefined;
		if (nodeError?.description) console.error(nodeError.description);
		return false;
	}
	const items = (nodeName && execution.runData[nodeName]?.[0]?.data?.main?.[0]) || [];
	console.log(`\nCreated ${items.length} contact(s) in ${(execution.durationMs / 1000).toFixed(1)} s:`);
	for (const { json } of items) {
		// The node passes Chatwoot's answer through; the contact sits under payload.contact.
		const contact = ((json.payload as Record<string, unknown> | undefined)?.contact ?? json) as Record<string, unknown>;
		const avatar = contact.thumbnail ? `avatar ${String(contact.thumbnail)}` : 'no avatar';
		console.log(`  #${String(contact.id)}  ${String(contact.name)} <${String(contact.email)}>  ${avatar}`);
	}
	return true;
}

async function waitForStopSignal(editor: Editor): Promise<void> {
	await new Promise<void>((resolve) => {
		let stopping = false;
		const stop = (reason: string) => {
			stopping = true;
			info(`${reason}: stopping`);
			resolve();
		};
		process.once('SIGINT', () => stop('Ctrl-C'));
		process.once('SIGTERM', () => stop('SIGTERM'));
		void editor.exited.then(() => {
			if (stopping) return;
			console.error(`n8n exited on its own:\n${editor.output().slice(-4000)}`);
			process.exitCode = 1;
			resolve();
		});
	});
}

/** The simulator on the port the kept credential names (or SIMULATOR_PORT, or a free one the first time). */
async function startDemoSimulator(port: number): Promise<Simulator> {
	try {
		return await startSimulator({ port });
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		throw new DemoError(
			`Port ${port} is in use, and the demo's Chatwoot simulator listens there (the example credential points at it). ` +
				'Free the port, or choose another with SIMULATOR_PORT=<port> npm start -- --reset (re-creates the credential).',
		);
	}
}

function describeTarget(state: DemoState['target']): string {
	return state.kind === 'simulator' ? 'the Chatwoot simulator' : state.baseUrl;
}

async function main(): Promise<void> {
	const begin = Date.now();
	let simulator: Simulator | undefined;
	let editor: Editor | undefined;
	// Until the editor runs (and waitForStopSignal shuts everything down in order), a signal exits at once;
	// the exit hooks stop the child processes, remove the temporary folders and release the folder lock.
	const removeEarlyExit = exitOnSignal();
	// n8n migrates its database forward only: another n8n version (N8N_VERSION=1.123.81) gets its own folder.
	const folderPath =
		N8N_VERSION === DEFAULT_N8N_VERSION ? join(repoRoot(), '.n8n-demo') : join(repoRoot(), '.n8n-demo', `n8n-${N8N_VERSION}`);
	const port = parsePort('N8N_PORT', process.env.N8N_PORT, 5678);

	// Checked before anything is started or written: another n8n (or demo) on the port, or on the folder.
	if (!headless && !(await portIsFree(port))) {
		throw new DemoError(
			`Port ${port} is already in use on 127.0.0.1 (another n8n, or another \`npm start\`?). ` +
				`Nothing was changed. Stop that process, or start this one on another port: N8N_PORT=${port + 10} npm start`,
		);
	}
	let real: boolean;
	let realBaseUrl: string | undefined;
	try {
		real = wantsRealChatwoot();
		realBaseUrl = real ? realChatwootBaseUrl() : undefined;
	} catch (error) {
		throw new DemoError((error as Error).message);
	}
	await lockDemoFolder(folderPath);

	const scratch = await makeTempDir('chatwoot-demo-');
	try {
		const previous = readDemoState(folderPath);
		const runtime = await ensureN8nRuntime();
		const folder = await persistentUserFolder(folderPath);
		const existing = reset ? undefined : await storedIds(runtime, folder);
		// Without a state file (a folder from an older version of this script) the credential's target is unknown.
		if (!previous) existing?.credentials.delete(EXAMPLE_CREDENTIAL.id);
		const keepsCredential = existing?.credentials.has(EXAMPLE_CREDENTIAL.id) === true;

		// A kept credential decides where the demo's workflows go; switching needs an explicit --reset.
		if (keepsCredential && previous) {
			const wanted = real ? realBaseUrl : 'the simulator';
			const had = previous.target.kind === 'simulator' ? 'the simulator' : previous.target.baseUrl;
			if (wanted !== had) {
				throw new DemoError(
					`The demo in ${folderPath} was set up for ${describeTarget(previous.target)}, and this run asks for ${real ? realBaseUrl : 'the simulator'}. ` +
						'Nothing was changed. To switch, run `npm start -- --reset` (re-imports the example credential and workflow; ' +
						'your edits to those two are replaced), or run with the same CHATWOOT_BASE_URL (or none) as before.',
				);
			}
		}

		let target: ChatwootTarget;
		if (real) {
			try {
				target = (await realChatwootTarget())!;
			} catch (error) {
				throw new DemoError((error as Error).message);
			}
			// From here on the token lives in the target only: no child process (npm, n8n, its Code nodes'
			// $env) inherits it through the environment.
			delete process.env.CHATWOOT_API_TOKEN;
			console.log(
				[
					'',
					`Real Chatwoot at ${target.baseUrl}: running the example workflow WRITES sample contacts there`,
					`  (the example's people, in account ${target.accountId}, inbox ${target.inboxId}, e-mails like ada.lovelace+<time>@example.com, unique per run).`,
					'',
				].join('\n'),
			);
		} else {
			const simulatorPort = parsePort('SIMULATOR_PORT', process.env.SIMULATOR_PORT, keepsCredential ? (previous?.simulatorPort ?? 0) : 0);
			simulator = await startDemoSimulator(simulatorPort);
			target = simulatorTarget(simulator.url, `the Chatwoot simulator at ${simulator.url}`);
			if (keepsCredential && previous?.simulatorPort !== undefined && previous.simulatorPort !== simulator.port) {
				info(`note: the kept credential points at the simulator on port ${previous.simulatorPort}; run with --reset to point it at ${simulator.url}`);
			}
		}
		info(`Chatwoot: ${target.label} (account ${target.accountId}, inbox ${target.inboxId})`);

		const tarball = await packProject(scratch);
		const prepared = await prepareUserFolder(runtime, folder, tarball, target, {
			existing,
			adapt: real ? uniqueEmailsPerRun : undefined,
		});
		await removeTempDir(scratch);
		if (prepared.imported.credentials.length > 0 || !previous) {
			writeDemoState(folder.path, {
				target: {
					kind: real ? 'chatwoot' : 'simulator',
					baseUrl: target.baseUrl,
					accountId: target.accountId,
					inboxId: target.inboxId,
				},
				simulatorPort: simulator?.port,
			});
		}
		const keptWorkflows = prepared.workflows.length - prepared.imported.workflows.length;
		const kept = [keepsCredential ? 'the credential' : '', keptWorkflows > 0 ? `${keptWorkflows} example workflow(s)` : ''].filter(Boolean);
		info(
			`n8n ${N8N_VERSION}, user folder ${folder.path}: package ${prepared.packageVersion} installed; ` +
				`imported ${prepared.imported.credentials.length} credential(s) and ${prepared.imported.workflows.length} workflow(s)` +
				(kept.length > 0 ? `; kept ${kept.join(' and ')} as you left them (npm start -- --reset imports them again)` : ''),
		);
		const workflow = chatwootExample(prepared);

		if (headless) {
			const ok = await runOnce(runtime, folder, workflow);
			process.exitCode = ok ? 0 : 1;
			return;
		}

		editor = await startEditor(runtime, folder, { port });
		const lines = [
			'',
			`n8n is ready (${seconds(begin)}): ${editor.url}/workflow/${workflow.id}`,
			`  sign in as   ${folder.owner.email}`,
			`  password     ${folder.owner.password}`,
			`  Chatwoot     ${target.label}`,
			...(simulator ? [`  contacts     ${simulator.url}/__simulator/contacts?account_id=${target.accountId}`] : []),
			'Open the workflow, click "Execute workflow", then look at the Create contact node. Ctrl-C stops everything.',
			'',
		];
		console.log(lines.join('\n'));
		removeEarlyExit();
		await waitForStopSignal(editor);
	} finally {
		await editor?.stop().catch((error: Error) => console.error(`stopping n8n: ${error.message}`));
		await simulator?.close().catch((error: Error) => console.error(`stopping the simulator: ${error.message}`));
		await removeTempDir(scratch);
	}
}

main().catch((error: Error) => {
	const known =
		error instanceof DemoError ||
		error instanceof DemoBusyError ||
		error instanceof InvalidBaseUrlError ||
		error instanceof MissingBuildToolsError;
	console.error(known ? error.message : (error.stack ?? error.message));
	process.exitCode = 1;
});
