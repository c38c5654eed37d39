import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';
import type { ChatwootClient } from '../transport';

/** Runs the operation for one input item and returns the JSON of its output item. */
export type ItemExecutor = (itemIndex: number) => Promise<IDataObject>;

/**
 * An operation's `execute`: called once per run with the run's client, so that what the items of
 * one run share (a byte budget, locks on keys) lives as long as the run; returns what runs per item.
 */
export type OperationExecute = (this: IExecuteFunctions, client: ChatwootClient) => ItemExecutor;
