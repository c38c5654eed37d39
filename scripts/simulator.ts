/**
 * Starts the Chatwoot simulator for manual testing and demos:
 *   node build/tools/scripts/simulator.js [--port N]    (default 3000, 0 picks a free port)
 */
import { SEED, startSimulator } from '../test/simulator';

function parsePort(args: string[]): number {
	const index = args.indexOf('--port');
	const inline = args.find((arg) => arg.startsWith('--port='));
	const raw = inline ? inline.slice('--port='.length) : index >= 0 ? args[index + 1] : undefined;
	if (raw === undefined) return 3000;
	const port = Number(raw);
	if (!Number.isInteger(port) || port < 0 || port > 65535) {
		throw new Error(`--port expects an integer between 0 and 65535, got "${raw}"`);
	}
	return port;
}

async function main(): Promise<void> {
	const simulator = await startSimulator({ port: parsePort(process.argv.slice(2)) });
	console.log(`Chatwoot simulator listening on ${simulator.url}`);
	console.log(`  admin token (Admin Alice, accounts 1 and 3): ${SEED.tokens.admin}`);
	console.log(`  agent token (Agent Bob, account 1, inboxes 1 and 3): ${SEED.tokens.agent}`);
	console.log(`  agent bot token: ${SEED.tokens.agentBot}`);
	console.log(`  platform app token: ${SEED.tokens.platformApp}`);
	console.log(`  super admin token: ${SEED.tokens.superAdmin}`);
	console.log(`  account ${SEED.accounts.main} is "Acme Support"; inspection API under ${simulator.url}/__simulator/`);

	let stopping = false;
	const stop = (signal: string) => {
		if (stopping) return;
		stopping = true;
		console.log(`${signal} received, stopping the simulator`);
		void simulator.close().then(() => process.exit(0));
	};
	process.on('SIGINT', () => stop('SIGINT'));
	process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
