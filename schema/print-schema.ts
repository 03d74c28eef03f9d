import { writeFileSync } from 'node:fs';
import { printedSchema, SCHEMA_FILE } from './printed-schema.js';

writeFileSync(SCHEMA_FILE, printedSchema());
console.log(`wrote ${SCHEMA_FILE}`);
