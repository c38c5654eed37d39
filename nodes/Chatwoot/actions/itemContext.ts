import type { ByteBudget } from '../helpers/byteBudget';
import type { ChatwootConnection } from '../transport';
import type { RunOptions } from './runOptions';

/** What every item of one node run shares: where Chatwoot is, how to talk to it, and the memory it may hold. */
export interface ItemContext {
	connection: ChatwootConnection;
	options: RunOptions;
	/** Avatar file bytes held at once by the items in flight. */
	avatarBudget: ByteBudget;
}
