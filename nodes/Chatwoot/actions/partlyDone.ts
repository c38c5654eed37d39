import { NodeOperationError } from 'n8n-workflow';
import type { IDataObject, INode } from 'n8n-workflow';

/**
 * The item's record was saved in Chatwoot but a step after it failed. The item fails, so the run
 * does not look complete; with Continue On Fail its output still carries what was saved (`saved`, the
 * fields a successful item would output), so the saved record's ID is not lost.
 */
export class PartlyDoneError extends NodeOperationError {
	constructor(
		node: INode,
		message: string,
		options: { itemIndex: number; description: string },
		readonly saved: IDataObject,
	) {
		super(node, message, options);
	}
}
