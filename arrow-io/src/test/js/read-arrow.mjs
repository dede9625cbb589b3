// Reads Arrow IPC files written by GIIP-Beam with Arrow JS, as a check that they are standard.
// Usage: npm install apache-arrow && node read-arrow.mjs FILE...
import { readFileSync } from "node:fs";
import { tableFromIPC } from "apache-arrow";

for (const file of process.argv.slice(2)) {
  const table = tableFromIPC(readFileSync(file));
  console.log(`${file}: ${table.numRows} rows`);
  console.log("  columns: " + table.schema.fields.map((f) => `${f.name}:${f.type}`).join(", "));
  console.log("  metadata: " + JSON.stringify(Object.fromEntries(table.schema.metadata)));
  const row = table.get(0);
  if (row) {
    console.log("  first row: " + JSON.stringify(row.toJSON(), (k, v) =>
      typeof v === "bigint" ? v.toString() : (v && v.toArray ? Array.from(v.toArray()) : v)));
  }
}
