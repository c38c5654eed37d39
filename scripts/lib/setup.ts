/**
 * What both the demo and the end-to-end test do to an n8n user folder: install the packed node like the
 * Community Nodes installer, and import a Chatwoot credential and the example workflows pointing at it.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

import {
	importCredentials,
	importWorkflows,
	installCommunityPackage,
	type CredentialImport,
	type N8nRuntime,
	type UserFolder,
} from './n8n-runtime';
import type { StoredIds } from './n8n-db';
import { examplesDir, PACKAGE_NAME } from './paths';
import { SEED } from '../../test/simulator/seed';

export { PACKAGE_NAME };

export const NODE_TYPE = `${PACKAGE_NAME}.chatwoot`;
/** n8n derives an AI-agent tool from every node declaring `usableAsTool`. */
export const TOOL_NODE_TYPE = `${PACKAGE_NAME}.chatwootTool`;
export const CREDENTIAL_TYPE = 'chatwootApi';

/** The credential id the example workflows reference; importing replaces the credential with this id. */
export const EXAMPLE_CREDENTIAL = { id: 'ChatwootCredent1', name: 'Chatwoot account' };

export interface ChatwootTarget {
	baseUrl: string;
	accessToken: string;
	accountId: number;
	inboxId: number;
	/** For messages only: "the local simulator" or the real instance's address. */
	label: string;
}

export interface WorkflowNode {
	name: string;
	type: string;
	parameters: Record<string, unknown>;
	credentials?: Record<string, { id: string; name: string }>;
	[key: string]: unknown;
}

export interface ExampleWorkflow {
	id: string;
	name: string;
	nodes: WorkflowNode[];
	file: string;
	[key: string]: unknown;
}

export async function loadExampleWorkflows(): Promise<ExampleWorkflow[]> {
	const dir = examplesDir();
	const files = (await readdir(dir)).filter((file) => file.endsWith('.json')).sort();
	return await Promise.all(
		files.map(async (file) => ({ ...(JSON.parse(await readFile(join(dir, file), 'utf8')) as ExampleWorkflow), file })),
	);
}

export function chatwootNodes(workflow: ExampleWorkflow): WorkflowNode[] {
	return workflow.nodes.filter((node) => node.type === NODE_TYPE);
}

/** The examples ship with account 1 and inbox 1; a real instance gets its own ids filled in. */
function retarget(workflow: ExampleWorkflow, target: ChatwootTarget): ExampleWorkflow {
	const { file: _file, ...copy } = structuredClone(workflow);
	for (const node of chatwootNodes(copy as ExampleWorkflow)) {
		node.parameters.accountId = target.accountId;
		node.parameters.inboxId = target.inboxId;
		node.credentials = { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } };
	}
	return copy as ExampleWorkflow;
}

export interface PreparedFolder {
	packageVersion: string;
	/** Every example workflow as this run would import it (whether or not it was imported). */
	workflows: ExampleWorkflow[];
	/** Ids of what was imported this time; what the folder already held was left as it was. */
	imported: { credentials: string[]; workflows: string[] };
}

export interface PrepareOptions {
	/** More credentials and workflows to import with the same two n8n start-ups (the benchmark's own). */
	extraCredentials?: CredentialImport[];
	extraWorkflows?: Array<{ id: string; [key: string]: unknown }>;
	/** What the folder already holds: kept as the user left it, not imported again (the demo). */
	existing?: StoredIds;
	/** Changes an example before it is imported (the demo makes e-mails unique against a real Chatwoot). */
	adapt?: (workflow: ExampleWorkflow) => ExampleWorkflow;
}

/**
 * Installs the package, then imports the credential and the example workflows (plus any extra ones) with
 * one `import:credentials` and one `import:workflow`: each n8n CLI command is a full n8n start-up.
 */
export async function prepareUserFolder(
	runtime: N8nRuntime,
	folder: UserFolder,
	tarball: string,
	target: ChatwootTarget,
	options: PrepareOptions = {},
): Promise<PreparedFolder> {
	const installed = await installCommunityPackage(folder, tarball);
	const absent = <T extends { id: string }>(list: T[], kind: keyof StoredIds) =>
		list.filter((entry) => !options.existing?.[kind].has(entry.id));

	const credentials = absent(
		[
			{
				...EXAMPLE_CREDENTIAL,
				type: CREDENTIAL_TYPE,
				data: { baseUrl: target.baseUrl, accessToken: target.accessToken, ignoreSslIssues: false },
			},
			...(options.extraCredentials ?? []),
		],
		'credentials',
	);
	if (credentials.length > 0) await importCredentials(runtime, folder, credentials);

	const workflows: ExampleWorkflow[] = [];
	for (const example of await loadExampleWorkflows()) {
		const workflow = retarget(example, target);
		workflows.push({ ...(options.adapt ? options.adapt(workflow) : workflow), file: example.file });
	}
	const toImport = absent([...workflows.map(({ file: _file, ...workflow }) => workflow), ...(options.extraWorkflows ?? [])], 'workflows');
	await importWorkflows(runtime, folder, toImport);
	return {
		packageVersion: installed.version,
		workflows,
		imported: { credentials: credentials.map((entry) => entry.id), workflows: toImport.map((entry) => entry.id) },
	};
}

/** The simulator as the Chatwoot the examples talk to: its admin token, main account and API inbox. */
export function simulatorTarget(simulatorUrl: string, label = 'the Chatwoot simulator'): ChatwootTarget {
	return {
		baseUrl: simulatorUrl,
		accessToken: SEED.tokens.admin,
		accountId: SEED.accounts.main,
		inboxId: SEED.inboxes.api,
		label,
	};
}

/** The prepared example workflow that uses the Chatwoot node. */
export function chatwootExample(prepared: PreparedFolder): ExampleWorkflow {
	const workflow = prepared.workflows.find((candidate) => chatwootNodes(candidate).length > 0);
	if (!workflow) throw new Error('no example workflow uses the Chatwoot node');
	return workflow;
}
