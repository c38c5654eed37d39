export { startSimulator } from './http/server';
export { ACCOUNTS, CUSTOM_ATTRIBUTE_DEFINITIONS, INBOXES, LABELS, SEED } from './domain/seed';
export type {
	AttributeDisplayType,
	AttributeModel,
	ContactInboxRef,
	Counters,
	CustomAttributeDefinition,
	CustomAttributeDefinitionInput,
	FaultOptions,
	Label,
	LabelInput,
	RateLimitOptions,
	RecordedRequest,
	Simulator,
	SimulatorOptions,
	StoredContact,
	UploadedFileSummary,
} from './types';
