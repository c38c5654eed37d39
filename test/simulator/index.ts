export { startSimulator } from './server';
export { SEED } from './seed';
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
