import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { ByteBudget } from '../helpers/byteBudget';
import { runPool } from '../helpers/pool';
import { chatwootConnection } from '../transport';
import * as contact from './contact/Contact.resource';
import type { ItemContext } from './itemContext';
import { readRunOptions } from './runOptions';

/**
 * Avatar files held in memory at once across the items in flight: room for the largest file
 * Chatwoot takes (15 MB), or three typical 5 MB photos.
 */
const AVATAR_BYTES_IN_FLIGHT = 16 * 1024 * 1024;

type ItemOperation = (this: IExecuteFunctions, itemIndex: number, run: ItemContext) => Promise<IDataObject>;

const operations: Record<string, ItemOperation> = {
	'contact:create': contact.create.execute,
};

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	const json: IDataObject = { error: error.message, itemIndex };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation for every input item with a bounded number of requests in flight.
 * Output item i always answers input item i, whatever order Chatwoot's answers arrive in.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const execute = operations[`${resource}:${operation}`];
	if (!execute) {
		throw new NodeOperationError(this.getNode(), `The operation "${operation}" of "${resource}" is not supported`);
	}
	const options = readRunOptions(this);
	const run: ItemContext = {
		connection: await chatwootConnection(this),
		options,
		avatarBudget: new ByteBudget(AVATAR_BYTES_IN_FLIGHT),
	};
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
	let failure: NodeApiError | NodeOperationError | undefined;
	await runPool(
		items.length,
		options.pool,
		async (itemIndex) => {
			try {
				const json = await execute.call(this, itemIndex, run);
				results[itemIndex] = this.helpers.constructExecutionMetaData(this.helpers.returnJsonArray(json), {
					itemData: { item: itemIndex },
				});
			} catch (error) {
				const nodeError = asNodeError(this, error, itemIndex);
				if (continueOnFail) results[itemIndex] = [errorItem(nodeError, itemIndex)];
				else failure ??= nodeError;
			}
		},
		// Nothing new starts after a failure that stops the node, or once the user stopped the execution.
		() => failure !== undefined || this.getExecutionCancelSignal()?.aborted === true,
		sleep,
	);
	if (failure) throw failure;
	return [results.flat()];
}
