export { startSimulator } from './http/server';
export { ACCOUNTS, INBOXES, SEED } from './domain/seed';
export type {
	Counters,
	FaultOptions,
	RateLimitOptions,
	RecordedRequest,
	Simulator,
	SimulatorOptions,
	StoredContact,
	UploadedFileSummary,
	ContactInboxRef,
} from './types';
