export interface FaultOptions {
	/** Added before every API response. */
	latencyMs?: number;
	/** 0..1 probability: 429 text/plain "Retry later\n", no Retry-After, request not processed. */
	rate429?: number;
	/** 0..1: 503 with an HTML body (like a proxy), not processed. */
	rate503?: number;
	/** 0..1: destroy the socket before processing (nothing created). */
	dropBeforeRate?: number;
	/** 0..1: for POST contacts: create the contact, then destroy the socket without answering. */
	dropAfterRate?: number;
	/** Seeded PRNG for the above (deterministic); default random. */
	seed?: number;
	/** If set, 429s carry Retry-After (like some proxies). */
	retryAfterSeconds?: number;
}

/** Fixed, epoch-aligned window per client IP over all /api paths (rack-attack `req/ip`). */
export interface RateLimitOptions {
	limit: number;
	windowMs: number;
}

export interface SimulatorOptions {
	port?: number;
	faults?: FaultOptions;
	rateLimit?: RateLimitOptions;
	/** Per account, for /contacts/search (rack-attack RATE_LIMIT_CONTACT_SEARCH); default 100 per minute. */
	searchLimitPerMinute?: number;
}

export interface Counters {
	requests: number;
	created: number;
	rejected429: number;
	rejected503: number;
	droppedBefore: number;
	droppedAfter: number;
	maxInFlight: number;
	inFlight: number;
	byStatus: Record<string, number>;
}

export interface UploadedFileSummary {
	filename: string;
	contentType: string;
	size: number;
	sha256: string;
}

export interface RecordedRequest {
	method: string;
	path: string;
	query: Record<string, string>;
	/** api_access_token / api-access-token values are masked as '***'. */
	headers: Record<string, string>;
	contentType: string;
	/** Parsed body as Rails sees it; uploaded files are replaced by their summary; null if unparseable. */
	params: unknown;
	/** 0 while in flight and for requests whose socket was dropped. */
	status: number;
	receivedAt: number;
}

export interface ContactInboxRef {
	inbox_id: number;
	source_id: string;
	/** Present (true) only when the contact_inbox was created with `hmac_verified` true. */
	hmac_verified?: true;
}

/** A row of the labels table (app/models/label.rb); titles are stored downcased. */
export interface Label {
	id: number;
	accountId: number;
	title: string;
	description: string | null;
	color: string;
	show_on_sidebar: boolean | null;
}

export type AttributeDisplayType = 'text' | 'number' | 'currency' | 'percent' | 'link' | 'date' | 'list' | 'checkbox';
export type AttributeModel = 'conversation_attribute' | 'contact_attribute' | 'company_attribute';

/** A row of custom_attribute_definitions (app/models/custom_attribute_definition.rb). */
export interface CustomAttributeDefinition {
	id: number;
	accountId: number;
	attribute_display_name: string;
	attribute_display_type: AttributeDisplayType;
	attribute_description: string | null;
	attribute_key: string;
	regex_pattern: string | null;
	regex_cue: string | null;
	attribute_values: unknown[];
	attribute_model: AttributeModel;
	default_value: number | null;
	created_at: string;
	updated_at: string;
}

/** What a test gives to setLabels; ids are assigned by the simulator. */
export type LabelInput = Pick<Label, 'title'> & Partial<Pick<Label, 'description' | 'color' | 'show_on_sidebar'>>;

/** What a test gives to setCustomAttributeDefinitions; ids and timestamps are assigned by the simulator. */
export type CustomAttributeDefinitionInput = Pick<
	CustomAttributeDefinition,
	'attribute_key' | 'attribute_display_name' | 'attribute_display_type' | 'attribute_model'
> &
	Partial<
		Pick<CustomAttributeDefinition, 'attribute_description' | 'attribute_values' | 'regex_pattern' | 'regex_cue' | 'default_value'>
	>;

export interface StoredContact {
	accountId: number;
	id: number;
	name: string | null;
	email: string | null;
	phone_number: string | null;
	identifier: string | null;
	blocked: boolean;
	additional_attributes: Record<string, unknown>;
	custom_attributes: Record<string, unknown>;
	avatar?: UploadedFileSummary;
	avatar_url_requested?: string;
	created_at: number;
	contact_inboxes: ContactInboxRef[];
	/** The contact's labels (acts-as-taggable-on tags) in the order they were set. */
	labels: string[];
}

export interface Simulator {
	/** e.g. http://127.0.0.1:43123 (no trailing slash). */
	url: string;
	port: number;
	/** Closes the server and destroys open sockets. */
	close(): Promise<void>;
	setFaults(f: FaultOptions): void;
	setRateLimit(r: RateLimitOptions | undefined): void;
	/** Clears contacts, requests, counters; restores the seed's labels and attribute definitions. */
	reset(): void;
	/** Replaces the labels of an account (titles are downcased like Label does). */
	setLabels(accountId: number, labels: LabelInput[]): void;
	/** Replaces the custom attribute definitions of an account. */
	setCustomAttributeDefinitions(accountId: number, definitions: CustomAttributeDefinitionInput[]): void;
	labels(accountId?: number): Label[];
	customAttributeDefinitions(accountId?: number): CustomAttributeDefinition[];
	/** Every API request received, in order of arrival. */
	requests(): RecordedRequest[];
	contacts(accountId?: number): StoredContact[];
	counters(): Counters;
}
