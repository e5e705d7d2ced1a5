import { tokenize } from '../lib/engine/tokenize.ts';
for (const s of process.argv.slice(2)) { const t = tokenize(s); console.log(JSON.stringify(t.keys)); }
