import type { ChatwootConnection } from '../transport';
import type { RunOptions } from './runOptions';

/** What every item of one node run shares: where Chatwoot is and how to talk to it. */
export interface ItemContext {
	connection: ChatwootConnection;
	options: RunOptions;
}
