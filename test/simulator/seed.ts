/** The simulator's fixed seed data (tokens, accounts, inboxes, labels, attribute definitions). */
export * from './domain/seed';
