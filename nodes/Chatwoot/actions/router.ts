import { NodeApiError, NodeOperationError, sleep } from 'n8n-workflow';
import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { runPool } from '../helpers/pool';
import { ChatwootClient } from '../transport';
import * as contact from './contact/Contact.resource';
import { PartlyDoneError } from './partlyDone';
import { readRunOptions } from './runOptions';
import type { OperationExecute } from './types';

const operations: Record<string, OperationExecute> = {
	'contact:create': contact.create.execute,
	'contact:get': contact.get.execute,
	'contact:upsert': contact.upsert.execute,
};

function asNodeError(context: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(context.getNode(), error as Error, { itemIndex });
}

function errorItem(error: NodeApiError | NodeOperationError, itemIndex: number): INodeExecutionData {
	// What was saved before the failure stays in the output, so its ID is not lost.
	const json: IDataObject = { ...(error instanceof PartlyDoneError ? error.saved : {}), error: error.message, itemIndex };
	if (error.description) json.description = error.description;
	if (error instanceof NodeApiError && error.httpCode) json.httpCode = error.httpCode;
	return { json, pairedItem: { item: itemIndex } };
}

/**
 * Runs the chosen operation for every input item with a bounded number of requests in flight.
 * Output item i always belongs to input item i, whatever order Chatwoot's responses arrive in.
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
	const executeItem = execute.call(this, await ChatwootClient.connect(this, options.retry));
	const continueOnFail = this.continueOnFail();

	const results: INodeExecutionData[][] = new Array(items.length);
	let failure: NodeApiError | NodeOperationError | undefined;
	await runPool(
		items.length,
		options.pool,
		async (itemIndex) => {
			try {
				const json = await executeItem(itemIndex);
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
