/** Regenerates the published JSON Schema of workflow files: `npx tsx --tsconfig tsconfig.node.json scripts/write-workflow-schema.ts`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { JSON_SCHEMA_PATH, serializeJsonSchema } from '../shared/workflow/file/json-schema';

const target = join(import.meta.dirname, '..', JSON_SCHEMA_PATH);
mkdirSync(dirname(target), { recursive: true });
writeFileSync(target, serializeJsonSchema());
console.log(`wrote ${JSON_SCHEMA_PATH}`);
