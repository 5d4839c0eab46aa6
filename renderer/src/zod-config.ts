import { config } from 'zod';

// The Content-Security-Policy forbids eval, so zod's compiled parsers can never run here; saying
// so up front spares the probe for it (a refused `new Function`, reported as a CSP violation).
config({ jitless: true });
