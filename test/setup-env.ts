// n8n-core's own logger writes every failed request (with its stack) to the console; the tests read
// what reaches n8n's logs through LoggerProxy instead (test/harness/engine.ts), so the console stays
// for jest's report.
process.env.N8N_LOG_LEVEL ??= 'silent';
