/**
 * End-to-end test against a real n8n: the packed node is installed like n8n's Community Nodes installer
 * does, the example workflow runs headless and then in the editor through a real browser, and the
 * results are checked on the Chatwoot simulator. A workflow creating contacts with mapped custom
 * attributes and labels runs headless too, and the editor's attribute mapper is checked against the
 * simulator's attribute definitions.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';

import { ACCOUNTS, INBOXES, SEED } from '../test/simulator/seed';
import { startSimulator, type Simulator, type StoredContact } from '../test/simulator';
import type { Page } from 'playwright-core';

import { launchChromium, type Browser } from './lib/browser';
import { assert, Checks } from './lib/checks';
import { listNodeTypes, restLogin } from './lib/editor-api';
import {
	attributeMapperWorkflow,
	CONTACT_DEFINITIONS,
	EDITOR_INPUT_BY_DISPLAY_TYPE,
	FOREIGN_DEFINITIONS,
	MAPPED_LABELS,
	MAPPED_NODE,
	MAPPED_PEOPLE,
	MAPPED_WORKFLOW,
	mappedAttributesWorkflow,
	MAPPER_NODE,
	MAPPER_WORKFLOW,
} from './lib/attribute-workflows';
import {
	executeOpenNode,
	locatorOptions,
	openNode,
	openWorkflow,
	resourceMapperAddEach,
	resourceMapperFieldOptions,
	resourceMapperFields,
	saveHtml,
	screenshot,
	signIn,
	waitForResourceMapper,
} from './lib/editor-ui';
import { info, seconds } from './lib/log';
import {
	createUserFolder,
	ensureN8nRuntime,
	executeWorkflow,
	MissingBuildToolsError,
	N8N_VERSION,
	n8nDataDir,
	removeUserFolder,
	startEditor,
	type Editor,
	type ExecutionResult,
	type UserFolder,
} from './lib/n8n-runtime';
import { packProject } from './lib/pack';
import { repoRoot } from './lib/paths';
import {
	chatwootNodes,
	NODE_TYPE,
	PACKAGE_NAME,
	prepareUserFolder,
	TOOL_NODE_TYPE,
	chatwootExample,
	simulatorTarget,
	type ExampleWorkflow,
} from './lib/setup';
import { runScript } from './lib/script';
import { makeTempDir, removeTempDir } from './lib/temp';

const OVERALL_TIMEOUT_MS = 25 * 60_000;

interface SentItem {
	json: { name: string; email: string; plan?: string; [key: string]: unknown };
	binary: { data: { data: string; mimeType: string; fileName: string } };
}

/** The items the example's Code node handed to the Chatwoot node, with their inline image bytes. */
function itemsSentToChatwoot(execution: ExecutionResult, workflow: ExampleWorkflow): SentItem[] {
	const chatwoot = chatwootNodes(workflow)[0];
	const parentName = Object.entries(workflow.connections as Record<string, { main: Array<Array<{ node: string }>> }>)
		.find(([, outputs]) => outputs.main.some((targets) => targets.some((target) => target.node === chatwoot.name)))?.[0];
	assert(parentName, `no node feeds "${chatwoot.name}" in ${workflow.file}`);
	const items = execution.runData[parentName]?.[0]?.data?.main?.[0] as unknown as SentItem[] | undefined;
	assert(items?.length, `"${parentName}" produced no items`);
	return items;
}

const sha256 = (base64: string) => createHash('sha256').update(Buffer.from(base64, 'base64')).digest('hex');

function contactByEmail(contacts: StoredContact[], email: string): StoredContact {
	const contact = contacts.find((candidate) => candidate.email === email.toLowerCase());
	assert(contact, `no contact with email ${email} on the simulator (it has: ${contacts.map((c) => c.email).join(', ') || 'none'})`);
	return contact;
}

/** What the simulator should store for mapped values: numbers for number types, true/false for checkboxes, text for the rest. */
function expectedAttributes(attributes: Record<string, string | number | boolean>): Record<string, string | number | boolean> {
	const expected: Record<string, string | number | boolean> = {};
	for (const [key, value] of Object.entries(attributes)) {
		const type = CONTACT_DEFINITIONS.find((definition) => definition.attribute_key === key)?.attribute_display_type;
		expected[key] = type === 'number' || type === 'currency' || type === 'percent' ? Number(value) : value;
	}
	return expected;
}

/**
 * Opens the Create node set to Map Each Attribute (nothing added yet) and checks what the editor offers:
 * every contact attribute of the account by its display name (none of another model or account), an input
 * of the attribute's type once added, and the list attribute's values in its dropdown.
 */
async function mapperCheck(page: Page, editorUrl: string, simulator: Simulator, artifacts: string): Promise<void> {
	const definitionReads = () =>
		simulator.requests().filter((request) => request.method === 'GET' && request.path.endsWith('/custom_attribute_definitions')).length;
	const readsBefore = definitionReads();
	await openWorkflow(page, editorUrl, MAPPER_WORKFLOW.id);
	await openNode(page, MAPPER_NODE);
	await waitForResourceMapper(page);
	await screenshot(page, artifacts, '07-mapper');
	assert(definitionReads() > readsBefore, 'the editor showed the mapper without reading the attribute definitions from the simulator');

	const names = CONTACT_DEFINITIONS.map((definition) => definition.attribute_display_name);
	const addable = await resourceMapperAddEach(page, join(artifacts, '08-mapper-add-list.png'));
	info(`  offered to add: ${addable.join(' | ')}`);
	for (const name of names) assert(addable.includes(name), `"${name}" is not offered in [${addable.join(' | ')}]`);
	for (const foreign of FOREIGN_DEFINITIONS) {
		assert(!addable.includes(foreign.attribute_display_name), `"${foreign.attribute_display_name}" (${foreign.attribute_model}, account ${foreign.accountId}) is offered`);
	}
	assert(addable.length === names.length, `${addable.length} entries offered for ${names.length} contact attributes: [${addable.join(' | ')}]`);

	await screenshot(page, artifacts, '09-mapper-all-added');
	const fields = await resourceMapperFields(page);
	info(`  fields: ${fields.map((field) => `${field.label} (${field.input})`).join(', ')}`);
	for (const definition of CONTACT_DEFINITIONS) {
		const field = fields.find((candidate) => candidate.label === definition.attribute_display_name);
		assert(field, `no field "${definition.attribute_display_name}" among [${fields.map((candidate) => candidate.label).join(' | ')}]`);
		const wanted = EDITOR_INPUT_BY_DISPLAY_TYPE[definition.attribute_display_type];
		assert(
			field.input === wanted,
			`"${definition.attribute_display_name}" (${definition.attribute_display_type}) is drawn as ${field.input}, expected ${wanted}`,
		);
	}
	assert(fields.length === names.length, `${fields.length} fields shown for ${names.length} contact attributes`);

	const list = CONTACT_DEFINITIONS.find((definition) => definition.attribute_display_type === 'list');
	assert(list, 'the seed has no list attribute');
	const wanted = list.attribute_values.map(String);
	const values = await resourceMapperFieldOptions(page, list.attribute_display_name, wanted[0], join(artifacts, '10-mapper-list-values.png'));
	info(`  "${list.attribute_display_name}" offers: ${values.join(' | ')}`);
	assert(
		values.length === wanted.length && wanted.every((value) => values.includes(value)),
		`"${list.attribute_display_name}" offers [${values.join(' | ')}], expected [${wanted.join(' | ')}]`,
	);
}

async function main(): Promise<boolean> {
	const begin = Date.now();
	const checks = new Checks();
	// One folder per n8n version, so that CI keeps the screenshots of both runs.
	const artifacts = join(repoRoot(), 'test-artifacts', 'e2e', `n8n-${N8N_VERSION}`);
	await mkdir(artifacts, { recursive: true });
	for (const old of (await readdir(artifacts)).filter((file) => file.endsWith('.png'))) await rm(join(artifacts, old));

	const scratch = await makeTempDir('chatwoot-e2e-');
	let simulator: Simulator | undefined;
	let folder: UserFolder | undefined;
	let editor: Editor | undefined;
	let browser: Browser | undefined;
	try {
		const tarball = await packProject(scratch);
		info(`packed ${tarball}`);
		const runtime = await ensureN8nRuntime();
		simulator = await startSimulator({ port: 0 });
		info(`Chatwoot simulator on ${simulator.url}`);
		folder = await createUserFolder();
		const target = simulatorTarget(simulator.url);
		const setupBegin = Date.now();
		const prepared = await prepareUserFolder(runtime, folder, tarball, target, {
			extraWorkflows: [mappedAttributesWorkflow(), attributeMapperWorkflow()],
		});
		info(`n8n user folder ${folder.path} prepared in ${seconds(setupBegin)}`);
		const workflow = chatwootExample(prepared);
		const nodeName = chatwootNodes(workflow)[0].name;

		await checks.check('the package is installed as n8n’s Community Nodes installer installs it', async () => {
			const packageDir = join(n8nDataDir(folder!), 'nodes', 'node_modules', PACKAGE_NAME);
			const installed = JSON.parse(await readFile(join(packageDir, 'package.json'), 'utf8')) as Record<string, unknown>;
			assert(!installed.peerDependencies && !installed.devDependencies, 'peer/dev dependencies were not stripped');
			assert(!existsSync(join(packageDir, 'node_modules', 'n8n-workflow')), 'n8n-workflow was installed next to the node');
			const manifest = JSON.parse(await readFile(join(n8nDataDir(folder!), 'nodes', 'package.json'), 'utf8')) as {
				dependencies: Record<string, string>;
			};
			assert(manifest.dependencies[PACKAGE_NAME] === prepared.packageVersion, 'nodes/package.json does not list the package');
		});

		// Headless run: n8n execute, then the simulator's view of what arrived.
		const execution = await executeWorkflow(runtime, folder, workflow.id, { timeoutMs: 180_000 });
		const timings = Object.entries(execution.runData)
			.map(([name, runs]) => `${name} ${runs[0]?.executionTime ?? '?'} ms`)
			.join(', ');
		info(`n8n execute took ${execution.durationMs} ms (process start-up included); per node: ${timings}`);

		const sent = await checks.check(`n8n execute runs "${workflow.name}" without errors`, () => {
			assert(!execution.error, `the execution failed: ${String(JSON.stringify(execution.error)).slice(0, 1500)}`);
			const run = execution.runData[nodeName]?.[0];
			assert(run?.executionStatus === 'success', `"${nodeName}" status ${run?.executionStatus}: ${JSON.stringify(run?.error)}`);
			const items = itemsSentToChatwoot(execution, workflow);
			const created = run.data?.main?.[0] ?? [];
			assert(created.length === items.length, `"${nodeName}" returned ${created.length} items for ${items.length} inputs`);
			return items;
		});

		await checks.check('the simulator holds each contact with its name, email, inbox and custom attributes', () => {
			assert(sent, 'nothing was sent (see the previous failure)');
			const contacts = simulator!.contacts(SEED.accounts.main);
			assert(contacts.length === sent.length, `expected ${sent.length} contacts, the simulator has ${contacts.length}`);
			for (const { json } of sent) {
				const contact = contactByEmail(contacts, json.email);
				assert(contact.name === json.name, `${json.email}: name ${contact.name} instead of ${json.name}`);
				assert(contact.custom_attributes.plan === json.plan, `${json.email}: custom_attributes ${JSON.stringify(contact.custom_attributes)}`);
				assert(
					contact.contact_inboxes.some((link) => link.inbox_id === SEED.inboxes.api),
					`${json.email}: not linked to inbox ${SEED.inboxes.api} (${JSON.stringify(contact.contact_inboxes)})`,
				);
			}
		});

		await checks.check('each avatar arrived byte for byte (sha256 of the stored file equals the input image)', () => {
			assert(sent, 'nothing was sent (see the previous failure)');
			const contacts = simulator!.contacts(SEED.accounts.main);
			for (const { json, binary } of sent) {
				const { avatar } = contactByEmail(contacts, json.email);
				assert(avatar, `${json.email}: no avatar stored`);
				const expected = sha256(binary.data.data);
				assert(avatar.sha256 === expected, `${json.email}: avatar sha256 ${avatar.sha256}, input ${expected}`);
				assert(avatar.contentType === binary.data.mimeType, `${json.email}: content type ${avatar.contentType}`);
			}
		});

		// Mapped custom attributes and labels, headless, on an empty simulator.
		simulator.reset();
		const mapped = await executeWorkflow(runtime, folder, MAPPED_WORKFLOW.id, { timeoutMs: 180_000 });
		info(`n8n execute of "${MAPPED_WORKFLOW.name}" took ${mapped.durationMs} ms (process start-up included)`);
		await checks.check(`n8n execute runs "${MAPPED_WORKFLOW.name}" without errors`, () => {
			assert(!mapped.error, `the execution failed: ${String(JSON.stringify(mapped.error)).slice(0, 1500)}`);
			const run = mapped.runData[MAPPED_NODE]?.[0];
			assert(run?.executionStatus === 'success', `"${MAPPED_NODE}" status ${run?.executionStatus}: ${JSON.stringify(run?.error)}`);
			const output = run.data?.main?.[0] ?? [];
			assert(output.length === MAPPED_PEOPLE.length, `"${MAPPED_NODE}" returned ${output.length} items for ${MAPPED_PEOPLE.length}`);
		});
		await checks.check('the simulator holds each contact with its mapped custom attributes (typed) and its labels', () => {
			const contacts = simulator!.contacts(SEED.accounts.main);
			assert(contacts.length === MAPPED_PEOPLE.length, `expected ${MAPPED_PEOPLE.length} contacts, the simulator has ${contacts.length}`);
			for (const person of MAPPED_PEOPLE) {
				const contact = contactByEmail(contacts, person.email);
				const stored = contact.custom_attributes;
				const expected = expectedAttributes(person.attributes);
				const keys = (record: Record<string, unknown>) => Object.keys(record).sort().join(', ');
				assert(keys(stored) === keys(expected), `${person.email}: attributes [${keys(stored)}], expected [${keys(expected)}]`);
				for (const [key, value] of Object.entries(expected)) {
					const date = CONTACT_DEFINITIONS.find((definition) => definition.attribute_key === key)?.attribute_display_type === 'date';
					const same = date ? typeof stored[key] === 'string' && (stored[key] as string).startsWith(String(value)) : stored[key] === value;
					assert(same, `${person.email}: ${key} is ${JSON.stringify(stored[key])}, expected ${JSON.stringify(value)}`);
				}
				const labels = [...contact.labels].sort();
				assert(labels.join(',') === [...MAPPED_LABELS].sort().join(','), `${person.email}: labels [${labels.join(', ')}], expected [${MAPPED_LABELS.join(', ')}]`);
			}
			info(`  ${MAPPED_PEOPLE[0].email}: ${JSON.stringify(contactByEmail(contacts, MAPPED_PEOPLE[0].email).custom_attributes)}`);
		});

		// Editor run: the same workflow through the UI, so the simulator starts empty again.
		simulator.reset();
		const editorBegin = Date.now();
		editor = await startEditor(runtime, folder);
		info(`n8n editor ready on ${editor.url} in ${seconds(editorBegin)} (pid ${editor.pid})`);

		await checks.check(`n8n offers ${NODE_TYPE} and its AI-agent tool ${TOOL_NODE_TYPE}`, async () => {
			const names = (await listNodeTypes(editor!.url, await restLogin(editor!.url, folder!.owner))).map((type) => type.name);
			assert(names.includes(NODE_TYPE), `${NODE_TYPE} is not among n8n's ${names.length} node types`);
			assert(names.includes(TOOL_NODE_TYPE), `${TOOL_NODE_TYPE} is not among n8n's node types`);
		});

		browser = await launchChromium();
		const page = await browser.context.newPage();
		page.setDefaultTimeout(30_000);
		const browserCheck = async (name: string, shot: string, body: () => Promise<void>) =>
			await checks.check(name, async () => {
				try {
					await body();
					return true;
				} catch (error) {
					await screenshot(page, artifacts, `FAILED-${shot}`).catch(() => undefined);
					throw error;
				}
			});

		const signedIn = await browserCheck('editor: the owner signs in on the sign-in page (no sign-up screen)', '01-signin', async () => {
			await signIn(page, editor!.url, folder!.owner, artifacts);
		});

		await browserCheck('editor: Account and Inbox lists (From List) show the simulator’s accounts and inboxes', '03-dropdowns', async () => {
			assert(signedIn, 'not signed in (see the previous failure)');
			await openWorkflow(page, editor!.url, workflow.id);
			await screenshot(page, artifacts, '03-workflow');
			await openNode(page, nodeName);
			const accounts = await locatorOptions(page, 'accountId', join(artifacts, '04-account-dropdown.png'));
			const adminAccounts = ACCOUNTS.filter((account) =>
				[SEED.accounts.main, SEED.accounts.suspended].some((id) => id === account.id),
			);
			for (const account of adminAccounts) {
				assert(accounts.some((text) => text.includes(account.name)), `no "${account.name}" in [${accounts.join(' | ')}]`);
			}
			const inboxes = await locatorOptions(page, 'inboxId', join(artifacts, '05-inbox-dropdown.png'));
			for (const inbox of INBOXES.filter((candidate) => candidate.accountId === SEED.accounts.main)) {
				assert(inboxes.some((text) => text.includes(inbox.name)), `no "${inbox.name}" in [${inboxes.join(' | ')}]`);
			}
			info(`  accounts: ${accounts.join(' | ')}`);
			info(`  inboxes: ${inboxes.length} listed, e.g. ${inboxes.slice(0, 3).join(' | ')}`);
		});

		await browserCheck('editor: "Execute step" creates the contacts and the output panel shows them', '06-execute', async () => {
			assert(signedIn, 'not signed in (see the previous failure)');
			const firstEmail = sent?.[0]?.json.email ?? 'ada.lovelace@example.com';
			const output = await executeOpenNode(page, firstEmail);
			await screenshot(page, artifacts, '06-output');
			const contacts = simulator!.contacts(SEED.accounts.main);
			const contact = contactByEmail(contacts, firstEmail);
			assert(contact.avatar, `${firstEmail} was created from the editor without its avatar`);
			// The avatar thumbnail URL is minted by the simulator, so seeing it proves the panel shows Chatwoot's answer.
			assert(output.includes(simulator!.url), `the output panel shows no data from ${simulator!.url}`);
			info(`  the editor run created ${contacts.length} contacts; the first has id ${contact.id}`);
		});

		await browserCheck(
			'editor: Map Each Attribute lists the account’s contact attributes with an input of their type, and a list attribute’s values',
			'07-mapper',
			async () => {
				assert(signedIn, 'not signed in (see the previous failure)');
				// A fresh tab: the workflow above may hold unsaved run data that would ask before leaving.
				const mapperPage = await browser!.context.newPage();
				mapperPage.setDefaultTimeout(30_000);
				try {
					await mapperCheck(mapperPage, editor!.url, simulator!, artifacts);
				} catch (error) {
					await screenshot(mapperPage, artifacts, 'FAILED-07-mapper').catch(() => undefined);
					await saveHtml(mapperPage, artifacts, 'FAILED-07-mapper').catch(() => undefined);
					throw error;
				} finally {
					await mapperPage.close();
				}
			},
		);
	} catch (error) {
		if (error instanceof MissingBuildToolsError) {
			console.error(error.message);
			return false;
		}
		checks.fail('setting up the run', error);
	} finally {
		await browser?.close().catch((error: Error) => info(`closing the browser: ${error.message}`));
		await editor?.stop().catch((error: Error) => info(`stopping n8n: ${error.message}`));
		await simulator?.close().catch((error: Error) => info(`stopping the simulator: ${error.message}`));
		if (folder) await removeUserFolder(folder);
		await removeTempDir(scratch);
	}
	info(`screenshots in ${artifacts}; total ${seconds(begin)}`);
	console.log(`n8n ${N8N_VERSION}: ${checks.summary()}`);
	return checks.ok;
}

runScript('e2e', OVERALL_TIMEOUT_MS, main);
