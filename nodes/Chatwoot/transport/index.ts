export { ChatwootClient } from './client';
export type { SendOptions, SendResult } from './client';
export { chatwootApiError, offendingAttributes, summarizeResponse } from './errors';
export type { ErrorText } from './errors';
export { DEFAULT_RETRY_POLICY, NotSentError, ResponseLostError, classifyResponse } from './retry';
export type { RetryPolicy } from './retry';
export type { ChatwootContext, ChatwootRequest, ChatwootResponse } from './types';
