/** The database file inside a data directory. */
export const DATABASE_FILE = 'switchyard.db';
