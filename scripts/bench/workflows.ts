/** The benchmark's workflows: a generator (Code node or files read from disk) feeding the node under test. */
import { randomUUID } from 'node:crypto';

import { SEED } from '../../test/simulator/seed';
import { N8N_VERSION } from '../lib/n8n-runtime';
import { CREDENTIAL_TYPE, EXAMPLE_CREDENTIAL, NODE_TYPE, type WorkflowNode } from '../lib/setup';

/** The newest version of each built-in node that the n8n under test offers (1.x stops at HTTP Request 4.3, Read/Write Files 1). */
const N8N_1X = Number(N8N_VERSION.split('.')[0]) < 2;
export const HTTP_REQUEST_VERSION = N8N_1X ? 4.3 : 4.5;
const READ_WRITE_FILE_VERSION = N8N_1X ? 1 : 1.1;

export const TARGET_NODE = 'Target';
export const HTTP_CREDENTIAL = { id: 'BenchHeaderAuth1', name: 'Chatwoot token as header (benchmark)' };
const CHATWOOT_CREDENTIAL = { [CREDENTIAL_TYPE]: { ...EXAMPLE_CREDENTIAL } };

function node(name: string, type: string, typeVersion: number, parameters: Record<string, unknown>, x: number): WorkflowNode {
	return { id: randomUUID(), name, type, typeVersion, position: [x, 0], parameters };
}

export const manualTrigger = () => node("When clicking 'Execute workflow'", 'n8n-nodes-base.manualTrigger', 1, {}, 0);

export function contactsCodeNode(emailPrefix: string, count: number): WorkflowNode {
	const jsCode = [
		'const items = [];',
		`for (let i = 0; i < ${count}; i++) {`,
		`  items.push({ json: { name: 'Bench Contact ' + i, email: '${emailPrefix}-' + i + '@bench.example.com' } });`,
		'}',
		'return items;',
	].join('\n');
	return node('Generate contacts', 'n8n-nodes-base.code', 2, { jsCode }, 220);
}

export const emailsFor = (emailPrefix: string, count: number) =>
	Array.from({ length: count }, (_, i) => `${emailPrefix}-${i}@bench.example.com`);

export interface CreateSettings {
	options?: Record<string, unknown>;
	/** Failed items become output items with `json.error` instead of stopping the run (n8n's "Continue" setting). */
	continueOnFail?: boolean;
}

export function chatwootCreate(fields: Record<string, unknown>, settings: CreateSettings = {}): WorkflowNode {
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
				options: settings.options ?? {},
			},
			440,
		),
		credentials: CHATWOOT_CREDENTIAL,
		...(settings.continueOnFail ? { onError: 'continueRegularOutput' } : {}),
	};
}

/** Contact → Create or Update with default options (Match On: email, phone number, identifier). */
export function chatwootUpsert(fields: Record<string, unknown>): WorkflowNode {
	return {
		...node(
			TARGET_NODE,
			NODE_TYPE,
			1,
			{
				resource: 'contact',
				operation: 'upsert',
				accountId: SEED.accounts.main,
				inboxId: SEED.inboxes.api,
				avatarSource: 'none',
				...fields,
				options: {},
			},
			440,
		),
		credentials: CHATWOOT_CREDENTIAL,
	};
}

export function httpRequestCreate(simulatorUrl: string): WorkflowNode {
	return {
		...node(
			TARGET_NODE,
			'n8n-nodes-base.httpRequest',
			HTTP_REQUEST_VERSION,
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

export function readFilesNode(fileSelector: string): WorkflowNode {
	return node('Read avatars from disk', 'n8n-nodes-base.readWriteFile', READ_WRITE_FILE_VERSION, { operation: 'read', fileSelector, options: {} }, 220);
}

export function linearWorkflow(id: string, name: string, nodes: WorkflowNode[]) {
	const connections: Record<string, unknown> = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { id, name, active: false, nodes, connections, settings: { executionOrder: 'v1' }, pinData: {} };
}

/** A PNG signature and a valid IHDR chunk, then filler: enough for every check that sniffs the bytes. */
export function paddedPng(size: number, index: number): Buffer {
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
