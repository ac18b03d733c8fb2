// DuckDB's side of bench/forbrug.js: forbrug.csv summed per konto in whole øre, single-threaded.
// read_csv with every column as VARCHAR (no type sniffing), the Danish amount turned into øre by
// removing the thousands dots and the decimal comma — exact ONLY because bench/forbrug-generer.js always
// writes exactly two decimals (`1.234,56` → 123456; `100` without decimals would come out as 100 øre).
// Prints JSON on stdout: { forespoergsel_s, konti: { konto: "øre" } }, forespoergsel_s being the timed
// query alone; with --kontrol (untimed extras) also the row count, how many amounts are not of the
// form -1.234,56 (must be 0) and til_dato per konto (dato 2025-01-01..2025-06-30).
// Usage: node bench/sammenligning/duckdb-forbrug.js FORBRUG.CSV [--kontrol] [--traade N|standard]
// (bench/forbrug.js installs @duckdb/node-api here with `npm ci --prefix bench/sammenligning`.)
import { DuckDBInstance } from '@duckdb/node-api';

const fil = process.argv[2];
const kontrol = process.argv.includes('--kontrol');
// --traade N (default 1); --traade standard leaves DuckDB its own default (one per core).
const traadeArg = process.argv[process.argv.indexOf('--traade') + 1];
const traade = process.argv.includes('--traade') ? traadeArg : '1';
const instans = await DuckDBInstance.create(':memory:', traade === 'standard' ? {} : { threads: String(traade) });
const db = await instans.connect();
const kilde = `read_csv('${fil.replaceAll("'", "''")}', delim = ';', header = true, quote = '', escape = '',
  columns = { 'konto': 'VARCHAR', 'dato': 'VARCHAR', 'beloeb': 'VARCHAR' })`;
const oere = `CAST(replace(replace(beloeb, '.', ''), ',', '') AS BIGINT)`;

const t0 = process.hrtime.bigint();
const svar = await db.runAndReadAll(`SELECT konto, CAST(SUM(${oere}) AS BIGINT) AS oere FROM ${kilde} GROUP BY konto`);
const rows = svar.getRows();
const forespoergsel = Number(process.hrtime.bigint() - t0) / 1e9;

const ud = { forespoergsel_s: forespoergsel, konti: {} };
for (const [konto, sum] of rows) ud.konti[konto] = String(sum);
if (kontrol) {
  ud.antal = Number((await db.runAndReadAll(`SELECT COUNT(*) FROM ${kilde}`)).getRows()[0][0]);
  const [[uden]] = (await db.runAndReadAll(`SELECT COUNT(*) FROM ${kilde} WHERE NOT regexp_full_match(beloeb, '-?[0-9]{1,3}(\\.[0-9]{3})*,[0-9]{2}')`)).getRows();
  ud.uden_to_decimaler = Number(uden);
  ud.til_dato = {};
  for (const [konto, sum] of (await db.runAndReadAll(
    `SELECT konto, CAST(SUM(${oere}) AS BIGINT) FROM ${kilde} WHERE dato BETWEEN '2025-01-01' AND '2025-06-30' GROUP BY konto`)).getRows()) {
    ud.til_dato[konto] = String(sum);
  }
}
process.stdout.write(JSON.stringify(ud));
