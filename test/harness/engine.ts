/**
 * Runs nodes the way n8n runs them, in-process: n8n-core's WorkflowExecute drives the node through
 * its real execution context (parameters and expressions resolved by n8n-workflow, binary data,
 * "Continue On Fail", pairedItem), and requests go out through n8n's own HTTP helper with the
 * credential applied by a credentials helper that implements generic `authenticate` like n8n's.
 */
import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import {
	ICredentialsHelper,
	LoggerProxy,
	NodeHelpers,
	Workflow,
	createRunExecutionData,
} from 'n8n-workflow';
import type {
	ICredentialDataDecryptedObject,
	ICredentials,
	ICredentialType,
	IDataObject,
	IHttpRequestOptions,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
	INodeParameters,
	INodeProperties,
	INodePropertyOptions,
	INodeType,
	INodeTypes,
	IRun,
	IVersionedNodeType,
	IWorkflowExecuteAdditionalData,
	ResourceMapperFields,
	Workflow as WorkflowType,
} from 'n8n-workflow';
import { ChatwootApi } from '../../credentials/ChatwootApi.credentials';
import { Chatwoot } from '../../nodes/Chatwoot/Chatwoot.node';
import { ChatwootClient, DEFAULT_RETRY_POLICY } from '../../nodes/Chatwoot/transport';
import type { RetryPolicy } from '../../nodes/Chatwoot/transport';

export const CHATWOOT_NODE_TYPE = 'n8n-nodes-chatwoot-api.chatwoot';

/** Every line n8n's logger receives while tests run, so tests can check what reaches the logs. */
export const capturedLogs: string[] = [];
const capture = (level: string) => (message: string, meta?: object) =>
	capturedLogs.push(`${level} ${message} ${meta ? JSON.stringify(meta) : ''}`);
LoggerProxy.init({ error: capture('error'), warn: capture('warn'), info: capture('info'), debug: capture('debug') });

export interface ChatwootCredentials {
	baseUrl: string;
	accessToken: string;
	ignoreSslIssues?: boolean;
}

const credentialTypes: Record<string, ICredentialType> = { chatwootApi: new ChatwootApi() };

class NodeTypes implements INodeTypes {
	constructor(private readonly types: Record<string, INodeType | IVersionedNodeType>) {}

	getByName(name: string) {
		return this.types[name];
	}

	getByNameAndVersion(name: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.types[name], version);
	}

	getKnownTypes(): IDataObject {
		return {};
	}
}

function resolveCredentialValue(value: unknown, credentials: ICredentialDataDecryptedObject, workflow?: WorkflowType, node?: INode) {
	if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
	return workflow.expression.getSimpleParameterValue(node, value, 'internal', { $credentials: credentials }, undefined, '');
}

/** Test credentials, with generic `authenticate` applied as n8n's CredentialsHelper applies it. */
class TestCredentialsHelper extends ICredentialsHelper {
	constructor(private readonly credentials: Record<string, ICredentialDataDecryptedObject>) {
		super();
	}

	getParentTypes(): string[] {
		return [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions,
		workflow?: WorkflowType,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const authenticate = credentialTypes[typeName]?.authenticate;
		if (!authenticate) return requestOptions;
		if (typeof authenticate === 'function') return await authenticate(credentials, requestOptions);
		const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
		for (const [section, values] of Object.entries(authenticate.properties)) {
			target[section] = { ...(target[section] ?? {}) };
			for (const [key, value] of Object.entries(values as Record<string, unknown>)) {
				target[section][key] = resolveCredentialValue(value, credentials, workflow, node);
			}
		}
		return requestOptions;
	}

	async preAuthentication() {
		return undefined;
	}

	async runPreAuthentication() {
		return undefined;
	}

	async getCredentials(): Promise<ICredentials> {
		throw new Error('not used by these tests');
	}

	async getDecrypted(_additionalData: IWorkflowExecuteAdditionalData, _node: unknown, type: string) {
		const found = this.credentials[type];
		if (!found) throw new Error(`No test credentials of type ${type}`);
		return found;
	}

	async updateCredentials() {}

	async updateCredentialsOauthTokenData() {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return credentialTypes[type]?.properties ?? [];
	}
}

function additionalDataFor(credentials: ChatwootCredentials, hooks?: ExecutionLifecycleHooks) {
	return {
		executionId: 'test-execution',
		credentialsHelper: new TestCredentialsHelper({ chatwootApi: { ...credentials } }),
		hooks,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		variables: {},
		currentNodeParameters: undefined,
		executeWorkflow: async () => {
			throw new Error('not used by these tests');
		},
		getRunExecutionData: async () => undefined,
		logAiEvent: () => undefined,
	} as unknown as IWorkflowExecuteAdditionalData;
}

function nodeFor(type: string, parameters: INodeParameters, extra: Partial<INode> = {}): INode {
	return {
		id: 'chatwoot-node',
		name: 'Chatwoot',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: { chatwootApi: { id: 'test-credential', name: 'Chatwoot account' } },
		...extra,
	};
}

function singleNodeWorkflow(node: INode, types: Record<string, INodeType>): WorkflowType {
	return new Workflow({ id: 'test-workflow', nodes: [node], connections: {}, active: false, nodeTypes: new NodeTypes(types) });
}

export interface NodeRunResult {
	/** The node's output items, or undefined if the node failed. */
	items?: INodeExecutionData[];
	/** The node's error when it failed (without "Continue On Fail"). */
	error?: Error & { description?: string; context?: IDataObject; httpCode?: string | null };
	run: IRun;
}

async function executeSingleNode(
	types: Record<string, INodeType>,
	node: INode,
	items: INodeExecutionData[],
	credentials: ChatwootCredentials,
): Promise<NodeRunResult> {
	const workflow = singleNodeWorkflow(node, types);
	const hooks = new ExecutionLifecycleHooks('manual', 'test-execution', {
		id: 'test-workflow',
		name: 'Test',
		active: false,
		activeVersionId: null,
		isArchived: false,
		nodes: [node],
		connections: {},
		createdAt: new Date(),
		updatedAt: new Date(),
	} as never);
	const finished = new Promise<IRun>((resolve) => hooks.addHandler('workflowExecuteAfter', (run) => resolve(run)));
	const runExecutionData = createRunExecutionData({
		executionData: { nodeExecutionStack: [{ node, data: { main: [items] }, source: null }] },
	});
	const execution = new WorkflowExecute(additionalDataFor(credentials, hooks), 'manual', runExecutionData);
	await execution.processRunExecutionData(workflow);
	const run = await finished;
	const task = run.data.resultData.runData[node.name]?.[0];
	return {
		items: task?.data?.main?.[0] ?? undefined,
		error: (task?.error ?? run.data.resultData.error) as NodeRunResult['error'],
		run,
	};
}

export interface RunChatwootOptions {
	parameters: INodeParameters;
	items?: INodeExecutionData[];
	credentials: ChatwootCredentials;
	continueOnFail?: boolean;
}

/** Runs the Chatwoot node once over `items` (one empty item by default). */
export async function runChatwootNode(options: RunChatwootOptions): Promise<NodeRunResult> {
	const node = nodeFor(CHATWOOT_NODE_TYPE, options.parameters, options.continueOnFail ? { onError: 'continueRegularOutput' } : {});
	return await executeSingleNode({ [CHATWOOT_NODE_TYPE]: new Chatwoot() }, node, options.items ?? [{ json: {} }], options.credentials);
}

/** A context for the node's editor methods, as the editor builds it for the parameter at `path`. */
function editorContext(parameters: INodeParameters, credentials: ChatwootCredentials, path: string) {
	const chatwoot = new Chatwoot();
	const node = nodeFor(CHATWOOT_NODE_TYPE, parameters);
	const workflow = singleNodeWorkflow(node, { [CHATWOOT_NODE_TYPE]: chatwoot });
	const additionalData = additionalDataFor(credentials);
	additionalData.currentNodeParameters = parameters;
	return { chatwoot, context: new LoadOptionsContext(workflow, node, additionalData, path) };
}

type LoadOptionsMethod = keyof Chatwoot['methods']['loadOptions'];

const OPTIONS_PARAMETER: Record<LoadOptionsMethod, string> = {
	getLabels: 'labels',
};

type ListSearchMethod = keyof Chatwoot['methods']['listSearch'];

const LIST_PARAMETER: Record<ListSearchMethod, string> = {
	searchAccounts: 'accountId',
	searchInboxes: 'inboxId',
};

/** Calls one of the node's `listSearch` methods the way a resource locator's "From List" mode does. */
export async function searchChatwootList(
	method: ListSearchMethod,
	parameters: INodeParameters,
	credentials: ChatwootCredentials,
	filter?: string,
): Promise<INodeListSearchResult> {
	const { chatwoot, context } = editorContext(parameters, credentials, `parameters.${LIST_PARAMETER[method]}`);
	return await chatwoot.methods.listSearch[method].call(context, filter);
}

/** Calls one of the node's `loadOptions` methods the way the editor does. */
export async function loadChatwootOptions(
	method: LoadOptionsMethod,
	parameters: INodeParameters,
	credentials: ChatwootCredentials,
): Promise<INodePropertyOptions[]> {
	const { chatwoot, context } = editorContext(parameters, credentials, `parameters.${OPTIONS_PARAMETER[method]}`);
	return await chatwoot.methods.loadOptions[method].call(context);
}

/** Calls one of the node's `resourceMapping` methods the way the editor loads a resource mapper's fields. */
export async function loadChatwootMappingFields(
	method: keyof Chatwoot['methods']['resourceMapping'],
	parameters: INodeParameters,
	credentials: ChatwootCredentials,
): Promise<ResourceMapperFields> {
	const { chatwoot, context } = editorContext(parameters, credentials, 'parameters.customAttributesMapping');
	return await chatwoot.methods.resourceMapping[method].call(context);
}

/**
 * The node's Chatwoot client on a real n8n context (requests go through n8n's HTTP helper with the
 * credential applied), for testing functions that take a client. No retries unless `policy` says so.
 */
export async function connectChatwootClient(credentials: ChatwootCredentials, policy: Partial<RetryPolicy> = {}): Promise<ChatwootClient> {
	const { context } = editorContext({}, credentials, 'parameters.accountId');
	return await ChatwootClient.connect(context, { ...DEFAULT_RETRY_POLICY, maxRetries: 0, ...policy });
}

/** The HTTP status behind an error, wherever in its cause chain the engine put the response. */
function httpStatusOf(error: unknown): number | undefined {
	for (let current = error as { cause?: unknown; response?: { status?: number }; httpCode?: string | null } | undefined; current; current = current.cause as typeof current) {
		if (typeof current.response?.status === 'number') return current.response.status;
		if (current.httpCode && /^\d{3}$/.test(current.httpCode)) return Number(current.httpCode);
	}
	return undefined;
}

/**
 * Runs the credential's test request as n8n's credentials tester does: a declarative node whose only
 * property routes the test request, run through the engine, then the test's rules applied to the
 * HTTP status of a failure.
 */
export async function testChatwootCredential(credentials: ChatwootCredentials): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const { test } = new ChatwootApi();
	const testType = 'credential-test';
	const nodeType: INodeType = {
		description: {
			displayName: 'Credential test',
			name: testType,
			group: ['output'],
			version: 1,
			description: '',
			defaults: {},
			inputs: ['main'],
			outputs: ['main'],
			credentials: [{ name: 'chatwootApi', required: true }],
			properties: [{ displayName: 'Temp', name: 'temp', type: 'string', routing: { request: test.request }, default: '' }],
		},
	};
	const { error } = await executeSingleNode({ [testType]: nodeType }, nodeFor(testType, {}), [{ json: {} }], credentials);
	if (!error) return { status: 'OK', message: 'Connection successful!' };
	const statusCode = httpStatusOf(error);
	if (statusCode !== undefined) {
		const rule = test.rules?.find((candidate) => candidate.type === 'responseCode' && candidate.properties.value === statusCode);
		return { status: 'Error', message: rule?.properties.message ?? `Received HTTP status code: ${statusCode}` };
	}
	const cause = (error as { cause?: { code?: string } }).cause;
	return { status: 'Error', message: cause?.code ?? error.message };
}
