/**
 * `npm start`: a local n8n with this node installed, a Chatwoot credential and the example workflows,
 * against the Chatwoot simulator (or a real Chatwoot given CHATWOOT_BASE_URL and CHATWOOT_API_TOKEN).
 * `npm start -- --headless` (or DEMO_HEADLESS=1) runs the example once instead of opening the editor.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { startSimulator, type Simulator } from '../test/simulator';
import { realChatwootTarget } from './lib/chatwoot-target';
import { exitOnSignal } from './lib/script';
import { info, seconds } from './lib/log';
import {
	ensureN8nRuntime,
	executeWorkflow,
	persistentUserFolder,
	startEditor,
	type Editor,
	type N8nRuntime,
	type UserFolder,
} from './lib/n8n-runtime';
import { packProject } from './lib/pack';
import { repoRoot } from './lib/paths';
import { chatwootExample, chatwootNodes, prepareUserFolder, simulatorTarget, type ExampleWorkflow } from './lib/setup';

const headless = process.argv.includes('--headless') || process.env.DEMO_HEADLESS === '1';

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

async function main(): Promise<void> {
	const begin = Date.now();
	let simulator: Simulator | undefined;
	let editor: Editor | undefined;
	// Until the editor runs (and waitForStopSignal shuts everything down in order), a signal exits at once.
	const removeEarlyExit = exitOnSignal();
	const scratch = await mkdtemp(join(tmpdir(), 'chatwoot-demo-'));
	try {
		let target = await realChatwootTarget();
		if (!target) {
			simulator = await startSimulator({ port: Number(process.env.SIMULATOR_PORT ?? 0) });
			target = simulatorTarget(simulator.url, `the Chatwoot simulator at ${simulator.url}`);
		}
		info(`Chatwoot: ${target.label} (account ${target.accountId}, inbox ${target.inboxId})`);

		const runtime = await ensureN8nRuntime();
		const tarball = await packProject(scratch);
		const folder = await persistentUserFolder(join(repoRoot(), '.n8n-demo'));
		const prepared = await prepareUserFolder(runtime, folder, tarball, target);
		info(`n8n user folder ${folder.path}: package ${prepared.packageVersion} installed, credential and ${prepared.workflows.length} example workflow(s) imported`);
		const workflow = chatwootExample(prepared);

		if (headless) {
			const ok = await runOnce(runtime, folder, workflow);
			process.exitCode = ok ? 0 : 1;
			return;
		}

		const port = Number(process.env.N8N_PORT ?? 5678);
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
		await rm(scratch, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	console.error(error.message);
	process.exitCode = 1;
});
