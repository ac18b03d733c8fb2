/**
 * The command line. Only this module touches `process` and sets exit codes:
 * 0 ok, 1 the data has errors, 2 wrong usage or could not run. Never a stack trace for bad input.
 */
import { synlig } from './render/synlig.js';
import { Argument, Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { afvigelser } from './commands/afvigelser.js';
import { aktivitet } from './commands/aktivitet.js';
import { bevillinger } from './commands/bevillinger.js';
import { somExitFejl } from './app/fejl.js';
import { ExitError } from './commands/exit-error.js';
import { formaterFor, VALIDERFORMATER } from './app/formater.js';
import { rapport } from './commands/rapport.js';
import { scenarie } from './commands/scenarie.js';
import { forbrugKommando } from './commands/forbrug.js';
import { init, type InitFlag } from './commands/init.js';
import { prognoseKommando } from './commands/prognose.js';
import { videreKommando, type VidereFlag } from './commands/videre.js';
import { sammenlignKommando } from './commands/sammenlign.js';
import { praecisionKommando, type PraecisionFlag } from './commands/praecision.js';
import { METODER } from './core/prognose.js';
import { naermeste } from './core/naermeste.js';
import { valider, type ValiderFlag } from './commands/valider.js';
import { anlaegKommando, hovedoversigtKommando } from './commands/hovedoversigt.js';
import { samle } from './commands/samle.js';
import { STANDARD_LINT } from './core/kontrol.js';
import { ENHEDER, parseTal, type Decimal } from './core/money.js';
import { kraevFil, type Miljoe, type RapportFlag } from './commands/shared.js';

declare const VERSION: string;

const REFERENCE = 'data/slagelse-ebu-2025-bo2';
/** The same follow-up with maanedstal.csv, forbrug.csv + kontoplan.csv and scenarier.csv: examples for them all. */
const UDVIDET = 'data/slagelse-ebu-2025-bo2-udvidet';
const KOMMUNE = 'data/eksempel-kommune-2025';
/** The example year: data/slagelse-ebu-2025-aar-bo1, -bo2, -bo3 and -regnskab (built with `budgetopf videre`). */
const AAR = 'data/slagelse-ebu-2025-aar';

const HJAELP_TITLER: Record<string, string> = {
  'Usage:': 'Brug:',
  'Options:': 'Tilvalg:',
  'Arguments:': 'Argumenter:',
  'Commands:': 'Kommandoer:',
  'Global Options:': 'Fælles tilvalg:',
};

/** "(valg: …, standard: …)" instead of commander's English "(choices: …, default: …)". */
function beskrivelse(tekst: string, valg: readonly string[] | undefined, standard: unknown): string {
  const dele = [
    ...(valg ? [`valg: ${valg.join(', ')}`] : []),
    ...(standard !== undefined && standard !== false ? [`standard: ${String(standard)}`] : []),
  ];
  return dele.length ? `${tekst} (${dele.join('; ')})` : tekst;
}

const DANSK_HJAELP = {
  styleTitle: (t: string) => HJAELP_TITLER[t] ?? t,
  optionDescription: (o: Option) => beskrivelse(o.description, o.argChoices, o.defaultValue),
  argumentDescription: (a: Argument) => beskrivelse(a.description, a.argChoices, a.defaultValue),
  subcommandTerm: (c: Command) => `${c.name()}${c.options.length ? ' [tilvalg]' : ''}${c.registeredArguments.map((a) => ` [${a.name()}]`).join('')}`,
};

function heltal(v: string): number {
  if (!/^\d{1,2}$/.test(v)) throw new InvalidArgumentError('skal være et helt tal mellem 0 og 99');
  return Number(v);
}

function beloeb(v: string): Decimal {
  const r = parseTal(v, 'da');
  if (!r.ok || r.vaerdi.isNegative()) throw new InvalidArgumentError('skal være et tal på 0 eller mere i dansk format, fx 1.000.000 eller 2,5');
  return r.vaerdi;
}

function positivtHeltal(v: string): number {
  if (!/^[1-9]\d{0,6}$/.test(v)) throw new InvalidArgumentError('skal være et helt tal over 0');
  return Number(v);
}

/** `--anvend-prognose [metode]`: forventet helårspersoner from maanedstal.csv's forecast. */
const anvendPrognoseTilvalg = () =>
  new Option('--anvend-prognose [metode]', 'brug prognosen fra maanedstal.csv som forventede helårspersoner (metode som i budgetopf prognose)').choices(['bedst', ...METODER]).preset('bedst');

/** The help's closing "Eksempler:" list; test/eksempler.test.ts runs every line (`# exit N`: the exit it promises). */
const eksempler = (linjer: string[]) => `\nEksempler:\n${linjer.map((e) => `  $ ${e}`).join('\n')}\n`;

type Koersel = (mappe: string, flag: RapportFlag, miljoe: Miljoe) => Promise<void>;

/** Commands whose tables get a bar column on a terminal. */
const SOEJLEKOMMANDOER = new Set(['afvigelser', 'aktivitet', 'rapport', 'hovedoversigt', 'anlaeg']);

/** The output options every report command shares (format, file, unit, decimals, CSV dialect, sign). */
function rapportTilvalg(c: Command, navn: string): Command {
  c.addOption(new Option('-f, --format <format>', formaterFor(navn).includes('html')
    ? 'outputformat; html: én fil med tabeller og diagrammer; xlsx: regneark; docx: Word-dokument '
      + '(xlsx og docx kræver --output)'
    : 'outputformat').choices(formaterFor(navn)).default('tabel'))
    .option('-o, --output <fil>', 'skriv til filen i stedet for skærmen (atomisk; aldrig over en inputfil)')
    .option('--tving', 'erstat også en skrivebeskyttet outputfil')
    .addOption(new Option('--enhed <enhed>', 'beløbsenhed i tabeller (standard mio.kr; CSV: kr)').choices(ENHEDER))
    .option('--decimaler <n>', 'antal decimaler (standard 1; CSV: 2)', heltal)
    .addOption(new Option('--csv-format <format>', 'da: semikolon og decimalkomma (Excel på dansk); en: komma og decimalpunktum').choices(['da', 'en']).default('da'))
    .option('--afstem', 'afrund så de viste dele summerer til de viste totaler (største rest)')
    .option('--merforbrug-positiv', 'vis merforbrug som positivt tal (JSON er altid: merforbrug negativt)');
  if (SOEJLEKOMMANDOER.has(navn)) c.option('--ingen-grafik', 'ingen søjler ved afvigelserne i tabellen på skærmen');
  return c;
}

/** The examples at the end of a command's --help. */
const eksempelTekst = (eksempler: string[]) => `\nEksempler:\n${eksempler.map((e) => `  $ ${e}`).join('\n')}\n`;

function rapportKommando(
  program: Command, navn: string, beskrivelse: string, eksempler: string[], koer: Koersel, miljoe: Miljoe,
  ekstra: (c: Command) => Command = (c) => c,
) {
  const c = program
    .command(navn)
    .description(beskrivelse)
    .usage('[mappe] [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('[mappe]', 'mappen med datasættet (opfoelgning.json og CSV-filerne)', '.');
  rapportTilvalg(c, navn);
  ekstra(c);
  c.addHelpText('after', eksempelTekst(eksempler));
  c.action(async (mappe: string, flag: RapportFlag) => {
    kraevFil(flag);
    await koer(mappe, flag, miljoe);
  });
  return c;
}

/** `budgetopf init [mappe]`: a new dataset folder (see commands/init.ts). */
function initKommando(program: Command, miljoe: Miljoe): void {
  program
    .command('init')
    .description('opret en ny mappe til et datasæt: alle filers overskrifter, en eksempelrække og et manifest,'
      + ' som valider guider dig gennem')
    .usage('[mappe] [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('[mappe]', 'den nye mappe (skal være tom eller ikke findes)', '.')
    .option('--kommune <navn>', 'kommunens navn, fx "Slagelse Kommune"')
    .option('--udvalg <navn>', 'udvalgets navn')
    .option('--aar <år>', 'budgetåret, fx 2025')
    .option('--opfoelgning <navn>', 'opfølgningen, fx BO2')
    .option('--eksempel', `kopiér det medfølgende eksempel (${REFERENCE}) i stedet`)
    .addOption(new Option('--csv-format <format>',
      'da: semikolon, decimalkomma og BOM (Excel på dansk); en: komma og decimalpunktum')
      .choices(['da', 'en']).default('da'))
    .addHelpText('after', eksempler([
      'budgetopf init ny --kommune "Slagelse Kommune" --aar 2025 --opfoelgning BO2',
      'budgetopf init ny2',
      'budgetopf init eksempel --eksempel',
    ]))
    .action(async (mappe: string, flag: InitFlag) => init(mappe, flag, miljoe));
}

/** The program with its global options and help, before the commands are added. */
function nytProgram(miljoe: Miljoe): Command {
  return new Command('budgetopf')
    .description('Budgetopfølgning for danske kommuner: forventet regnskab, afvigelser, aktivitet og bevillingsønsker '
      + 'fra en mappe CSV-filer; årets opfølgninger ført videre, sammenlignet og målt mod regnskabet; '
      + 'og validering af filerne til CI.')
    .version(typeof VERSION === 'string' ? VERSION : 'dev', '-v, --version', 'vis versionen')
    .helpOption('-h, --help', 'vis hjælp')
    .helpCommand('help [kommando]', 'vis hjælp til en kommando')
    .usage('<kommando> [mappe] [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .exitOverride()
    .configureOutput({
      writeOut: (s) => miljoe.stdout(s.replace(/\n$/, '')),
      writeErr: (s) => miljoe.stderr(s.replace(/\n$/, '')),
      outputError: () => undefined, // reported in Danish by main()
    })
    .showSuggestionAfterError(true)
    .addHelpText('after', `\nEksempler:\n  $ budgetopf rapport ${REFERENCE}\n  $ budgetopf afvigelser ${REFERENCE} --format json\n  $ budgetopf help afvigelser\n`);
}

/** The reports of the follow-up itself. */
function opfoelgningsKommandoer(program: Command, miljoe: Miljoe): void {
  rapportKommando(program, 'afvigelser', 'afvigelsestabellen pr. politikområde, delt på service- og øvrige udgifter', [
    `budgetopf afvigelser ${REFERENCE}`,
    `budgetopf afvigelser ${REFERENCE} --poster --pct`,
    `budgetopf afvigelser ${REFERENCE} --format csv --output afvigelser.csv`,
    `budgetopf afvigelser ${REFERENCE} --format xlsx --output afvigelser.xlsx`,
  ], afvigelser, miljoe, (c) => c
    .option('--poster', 'vis posterne under hvert politikområde')
    .option('--pct', 'vis afvigelsen i procent af korrigeret budget')
    .addOption(anvendPrognoseTilvalg()));
  rapportKommando(program, 'aktivitet', 'helårspersoner og enhedspriser pr. ydelse, og afvigelsen forklaret som mængde- og priseffekt', [
    `budgetopf aktivitet ${REFERENCE}`,
    `budgetopf aktivitet ${REFERENCE} --enhed kr`,
    `budgetopf aktivitet ${REFERENCE} --format json`,
  ], aktivitet, miljoe);
  rapportKommando(program, 'rapport', 'hele budgetopfølgningen: afvigelser, aktivitet, korrektioner og forklaringer', [
    `budgetopf rapport ${REFERENCE}`,
    `budgetopf rapport ${REFERENCE} --format markdown --output bo2.md`,
    `budgetopf rapport ${REFERENCE} --format html --output rapport.html`,
    `budgetopf rapport ${REFERENCE} --format xlsx --output opfoelgning.xlsx`,
  ], rapport, miljoe, (c) => c.option('--poster', 'vis posterne under hvert politikområde').addOption(anvendPrognoseTilvalg()));
  rapportKommando(program, 'bevillinger', 'bevillingsønskerne: balance, kompetence (udvalget eller Byrådet), flag og afvigelsen efter bevillinger', [
    `budgetopf bevillinger ${REFERENCE}`,
    `budgetopf bevillinger ${REFERENCE} --format json`,
    `budgetopf bevillinger ${REFERENCE} --foreslaa --format csv --output forslag.csv`,
  ], bevillinger, miljoe, (c) => c
    .option('--foreslaa', 'foreslå bevillingsønsker, der dækker hvert merforbrug: omplaceringer inden for udvalget først, resten fra kassen')
    .option('--returner-mindreforbrug', 'med --foreslaa: foreslå også resterende mindreforbrug tilført kassen')
    .addHelpText('after', '\nMed --format csv skrives ønskerne i bevillingsoensker.csv-format, så de kan rettes og lægges tilbage i mappen.'));
}

/** What-if, forecast and spending-to-date. */
function fremskrivningsKommandoer(program: Command, miljoe: Miljoe): void {
  const flere = (v: string, tidligere: string[] = []) => [...tidligere, v];
  rapportKommando(program, 'scenarie', 'hvad nu hvis: scenarier med ændrede helårspersoner, priser og korrektioner ved siden af basis, og følsomhed', [
    `budgetopf scenarie ${REFERENCE} --hp "Kontanthjælp=+64"`,
    `budgetopf scenarie ${REFERENCE} --pris "Sygedagpenge=+5%" --korrektion "2.1;Løntilskud;-100.000;Færre pladser"`,
    `budgetopf scenarie ${REFERENCE} --foelsomhed "Jobafklaring=380..440:10"`,
    `budgetopf scenarie ${REFERENCE} --fil ${UDVIDET}/scenarier.csv --format json`,
  ], scenarie as Koersel, miljoe, (c) => c
    .option('--hp <ydelse=ændring>', 'forventede helårspersoner: =1000, +64, -20 eller +5% (kan gentages)', flere)
    .option('--hp-korrigeret <ydelse=ændring>', 'budgetterede (korrigerede) helårspersoner', flere)
    .option('--pris <ydelse=ændring>', 'forventet pris pr. helårsperson', flere)
    .option('--forventet <po:post=ændring>', 'forventet regnskab for en post uden aktivitetsmodel, fx "2.2:Erhvervsservice=+500.000"', flere)
    .option('--korrektion <po;post;beløb;tekst>', 'læg en korrektion til en post (kr.)', flere)
    .option('--handleplan-fra <po:post|po|alle>', 'slå handleplaner fra', flere)
    .option('--navn <navn>', 'navnet på kommandolinjens scenarie', 'Scenarie')
    .option('--fil <scenarier.csv>', 'scenarier fra en fil: scenarie;aendring;maal;vaerdi;tekst')
    .option('--foelsomhed <ydelse=fra..til:skridt>', 'afvigelsen for hver værdi af forventede helårspersoner, og nulpunktet'));
  rapportKommando(program, 'prognose', 'forventede helårspersoner fremskrevet fra månedstallene i maanedstal.csv, med spænd og backtest', [
    `budgetopf prognose ${UDVIDET}`,
    `budgetopf prognose ${UDVIDET} --metode trend --format json`,
    `budgetopf prognose ${UDVIDET} --anvend`,
    `budgetopf prognose ${UDVIDET} --skriv prognose-helaarspersoner.csv`,
  ], prognoseKommando as Koersel, miljoe, (c) => c
    .addOption(new Option('--metode <metode>', 'niveau: seneste måned fortsætter; gennemsnit: årets gennemsnit; trend: ret linje; saeson: sidste års profil; bedst: mindst fejl i backtesten').choices(['bedst', ...METODER]).default('bedst'))
    .option('--niveau-maaneder <n>', 'niveau: gennemsnittet af de seneste n måneder (standard 1)', positivtHeltal)
    .option('--anvend', 'vis afvigelsestabellen med prognosen som forventede helårspersoner')
    .option('--skriv [fil]', 'skriv helaarspersoner.csv med prognosen som forventet (standard helaarspersoner.prognose.csv i mappen; inputfilen kun, når den nævnes)'));
  rapportKommando(program, 'forbrug', 'forbrug til dato pr. post fra posteringerne i forbrug.csv, forbrugsprocent og fremskrevet regnskab', [
    `budgetopf forbrug ${UDVIDET} --pr 2025-05-31`,
    `budgetopf forbrug ${UDVIDET} --forbrug ${UDVIDET}/forbrug.csv --format json`,
  ], forbrugKommando as Koersel, miljoe, (c) => c
    .option('--pr <dato>', 'opgørelsesdatoen, fx 2025-06-30 (standard: manifestets pr, ellers sidste dag i seneste måned med bogføringer)')
    .option('--forbrug <fil>', 'posteringer fra en anden fil end mappens forbrug.csv (konto;dato;beloeb)'));
}

/** The whole municipality: the hovedoversigt, the anlæg posts, and the folders gathered into one. */
function kommuneKommandoer(program: Command, miljoe: Miljoe): void {
  const hovedoversigtTekst = 'hele kommunens resultatopgørelse: skatter, drift pr. udvalg, anlæg og finansiering, '
    + 'kassen og servicerammen';
  rapportKommando(program, 'hovedoversigt', hovedoversigtTekst, [
    `budgetopf hovedoversigt ${KOMMUNE}`,
    `budgetopf hovedoversigt ${KOMMUNE} --format json`,
    `budgetopf hovedoversigt ${KOMMUNE} --format html --output hovedoversigt.html`,
    `budgetopf hovedoversigt ${KOMMUNE} --format xlsx --output hovedoversigt.xlsx`,
  ], hovedoversigtKommando, miljoe);
  const anlaegTekst = 'anlægsposterne: korrigeret, forbrug til dato, forventet, afvigelse og overførsel til næste år, '
    + 'største afvigelse først';
  rapportKommando(program, 'anlaeg', anlaegTekst, [
    `budgetopf anlaeg ${KOMMUNE}`,
    `budgetopf anlaeg ${KOMMUNE} --format csv --output anlaeg.csv`,
  ], anlaegKommando, miljoe);
  program
    .command('samle')
    .description('saml udvalgenes mapper (og en mappe med finansieringen) til én mappe for hele kommunen')
    .usage('<mapper…> --til NY')
    .configureHelp(DANSK_HJAELP)
    .argument('<mapper...>', 'mapperne, der skal samles (hver et datasæt)')
    .requiredOption('--til <mappe>', 'den nye mappe (må ikke findes, eller skal være tom)')
    .option('--kommune <navn>', 'kommunens navn i den nye opfoelgning.json (standard: den første mappes)')
    .addHelpText('after', '\nEksempler:\n'
      + `  $ budgetopf samle ${REFERENCE} data/udvalg-buu data/udvalg-sou `
      + 'data/udvalg-finansiering --til kommune-bo2\n'
      + '  (derefter: budgetopf hovedoversigt kommune-bo2)\n')
    .action(async (mapper: string[], f: { til: string; kommune?: string }) => samle(mapper, f, miljoe));
}

/** The year's rounds: compare two follow-ups, measure them against the accounts, carry one on to the next. */
function runderKommandoer(program: Command, miljoe: Miljoe): void {
  const sammenlignC = program
    .command('sammenlign')
    .description('hvad er ændret mellem to opfølgninger: forventet regnskab pr. post, politikområde og i alt, '
      + 'forklaret som helårspersoner, pris, korrektioner og budget')
    .usage('<mappe A> <mappe B> [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('<a>', 'den første opfølgning (fx BO2)')
    .argument('<b>', 'den senere opfølgning (fx BO3)');
  rapportTilvalg(sammenlignC, 'sammenlign')
    .addHelpText('after', eksempelTekst([
      `budgetopf sammenlign ${AAR}-bo2 ${AAR}-bo3`,
      `budgetopf sammenlign ${AAR}-bo1 ${AAR}-bo2 --format json`,
      `budgetopf sammenlign ${AAR}-bo2 ${AAR}-bo3 --format html --output bo2-bo3.html`,
    ]))
    .action(async (a: string, b: string, flag: RapportFlag) => {
      kraevFil(flag);
      await sammenlignKommando(a, b, flag, miljoe);
    });
  const praecisionC = program
    .command('praecision')
    .description('hvor præcise var årets forventede regnskaber: hver opfølgnings fejl mod regnskabet '
      + 'pr. politikområde og i alt, i kr. og %')
    .usage('<mappe…> --regnskab <mappe> [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('<mapper...>', 'årets opfølgninger i rækkefølge (fx BO1 BO2 BO3)')
    .requiredOption('--regnskab <mappe>', 'mappen med regnskabet (forventet = det faktiske regnskab)');
  rapportTilvalg(praecisionC, 'praecision')
    .addHelpText('after', eksempelTekst([
      `budgetopf praecision ${AAR}-bo1 ${AAR}-bo2 ${AAR}-bo3 --regnskab ${AAR}-regnskab`,
      `budgetopf praecision ${AAR}-bo1 ${AAR}-bo2 ${AAR}-bo3 --regnskab ${AAR}-regnskab -f html -o aaret.html`,
    ]))
    .action(async (mapper: string[], flag: PraecisionFlag) => {
      kraevFil(flag);
      await praecisionKommando(mapper, flag, miljoe);
    });
  program
    .command('videre')
    .description('næste opfølgning: en ny mappe med de godkendte bevillinger i korrigeret budget '
      + 'og denne opfølgnings forventede regnskab som forventet_forrige')
    .usage('<mappe> --til <ny mappe> [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('<mappe>', 'mappen med denne opfølgnings datasæt')
    .requiredOption('--til <mappe>', 'den nye mappe (må ikke findes, eller skal være tom)')
    .option('--godkendte <id,…>', 'de godkendte bevillingsønsker, fx B1,B3, eller alle (standard: ingen)')
    .option('--opfoelgning <navn>', 'den nye opfølgnings navn (standard: BO1 → BO2 → BO3 → Regnskab)')
    .addHelpText('after', eksempelTekst([
      `budgetopf videre ${REFERENCE} --til bo3 --godkendte alle`,
      `budgetopf videre ${AAR}-bo1 --til bo2 --godkendte A1,A2`,
      `budgetopf videre ${REFERENCE} --til bo3 --godkendte B4,B5,B6,B7 --opfoelgning BO3`,
    ]))
    .action(async (mappe: string, f: VidereFlag) => videreKommando(mappe, f, miljoe));
}

/** The CI gate. */
function validerKommando(program: Command, miljoe: Miljoe): void {
  program
    .command('valider')
    .description('kontrollér datasæt til CI: hver fejl med fil, linje og kolonne; exit 0 rent, 1 fund, 2 kunne ikke køre')
    .usage('[mappe…] [tilvalg]')
    .configureHelp(DANSK_HJAELP)
    .argument('[mapper...]', 'en eller flere mapper med datasæt', ['.'])
    .addOption(new Option('-f, --format <format>',
      'tabel (eller tekst): fil:linje:kolonne: fejl[kode]: besked; json; github: annoteringer i GitHub Actions')
      .choices(VALIDERFORMATER).default('tabel'))
    .option('--strict', 'advarsler får også kørslen til at fejle')
    .option('--maks-fund <n>', 'højst så mange fund vises (resten tælles som afkortet)', positivtHeltal, 1000)
    .option('--maks-merforbrug <kr>', 'fejl, når et politikområdes merforbrug er over beløbet (kr.)', beloeb)
    .option('--maks-afvigelse-pct <p>', 'fejl, når et politikområdes afvigelse er over p % af korrigeret budget', beloeb)
    .option('--lint', 'advar også om tal, der er gyldige men nok forkerte (se --lint-*)')
    .option('--lint-tolerance <kr>', 'aktivitetspost: korrigeret må afvige så meget fra HP × pris (kr.)', beloeb, STANDARD_LINT.toleranceKr)
    .option('--lint-korrigeret-pct <p>', 'korrigeret må ligge så mange % fra vedtaget', beloeb, STANDARD_LINT.korrigeretPct)
    .option('--lint-pris-pct <p>', 'budgetprisen må ligge så mange % fra sidste års regnskabspris', beloeb, STANDARD_LINT.prisPct)
    .addHelpText('after', eksempler([
      `budgetopf valider ${REFERENCE}`,
      'budgetopf valider data/* --format github --maks-merforbrug 20.000.000',
      `budgetopf valider ${REFERENCE} --lint --strict --lint-pris-pct 25`,
      `budgetopf valider ${REFERENCE} --lint --strict   # exit 1: kildens pris på Integrationsydelse steg 21,3 %`,
    ]))
    .action(async (mapper: string[], f: Omit<ValiderFlag, 'lintValg'> & { lintTolerance: Decimal; lintKorrigeretPct: Decimal; lintPrisPct: Decimal }) =>
      valider(mapper, { ...f, lintValg: { toleranceKr: f.lintTolerance, korrigeretPct: f.lintKorrigeretPct, prisPct: f.lintPrisPct } }, miljoe));
}

export function byggProgram(miljoe: Miljoe): Command {
  const program = nytProgram(miljoe);
  opfoelgningsKommandoer(program, miljoe);
  fremskrivningsKommandoer(program, miljoe);
  kommuneKommandoer(program, miljoe);
  runderKommandoer(program, miljoe);
  validerKommando(program, miljoe);
  initKommando(program, miljoe);
  return program;
}

/** commander's usage errors in Danish (its own messages are English). */
const KOMMANDER_FEJL: [RegExp, string][] = [
  [/^error: unknown option '([^']+)'/, "ukendt tilvalg '$1'"],
  [/^error: unknown command '([^']+)'/, "ukendt kommando '$1'"],
  [/^error: too many arguments.*/, 'for mange argumenter'],
  [/^error: missing required argument '([^']+)'/, "argumentet '$1' mangler"],
  [/^error: required option '([^']+)' not specified/, "tilvalget '$1' skal angives"],
  [/^error: option '([^']+)' argument missing/, 'tilvalget $1 mangler en værdi'],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. Allowed choices are (.+)\./, "ugyldig værdi '$2' til $1; tilladte værdier: $3"],
  [/^error: option '([^']+)' argument '([^']*)' is invalid\. (.+)/, "ugyldig værdi '$2' til $1: $3"],
  [/\(Did you mean (.+)\?\)/, '(mente du $1?)'],
];

export function danskBrugsfejl(besked: string): string {
  return KOMMANDER_FEJL.reduce((s, [moenster, dansk]) => s.replace(moenster, dansk), besked).replace(/\n+/g, ' ').trim();
}

/** `help ukendt` says that the command is unknown (commander would print the general help and exit 0). */
function ukendtHjaelp(program: Command, argv: string[]): void {
  if (argv[0] !== 'help' || argv[1] === undefined) return;
  const navne = program.commands.map((c) => c.name());
  if (navne.includes(argv[1])) return;
  const forslag = naermeste(argv[1], navne);
  const alle = navne.filter((n) => n !== 'help').join(', ');
  const mente = forslag ? ` (mente du ${forslag}?)` : '';
  throw new ExitError(2, `ukendt kommando '${argv[1]}'${mente}; kommandoerne er ${alle}`);
}

/** Runs the CLI; returns the exit code. */
export async function main(argv: string[], miljoe: Miljoe): Promise<number> {
  const program = byggProgram(miljoe);
  try {
    ukendtHjaelp(program, argv);
    // -V as well as -v: commander takes one short flag for the version.
    await program.parseAsync(argv.length === 1 && argv[0] === '-V' ? ['--version'] : argv, { from: 'user' });
    return 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version') return 0;
      if (e.code === 'commander.help') return e.exitCode === 0 ? 0 : 2; // `help X` exits 0; no command at all: help on stderr, 2
      miljoe.stderr(`budgetopf: ${synlig(danskBrugsfejl(e.message))}`);
      miljoe.stderr('Se budgetopf --help eller budgetopf help <kommando>.');
      return 2;
    }
    const fejl = somExitFejl(e);
    if (fejl) {
      miljoe.stderr(`budgetopf: ${synlig(fejl.message)}`);
      return fejl.kode;
    }
    miljoe.stderr(`budgetopf: uventet fejl: ${synlig(String((e as Error).message))}\n`
      + 'Dette er en fejl i budgetopf; rapportér den gerne med kommandoen og dataene.');
    if (miljoe.debug) miljoe.stderr(String((e as Error).stack));
    return 2;
  }
}

/** The process entry: real stdout/stderr, colour on a terminal unless NO_COLOR, exit code via process.exitCode. */
export async function run(): Promise<void> {
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e; // EPIPE: the reader (head, less) has gone; nothing left to say
  });
  const miljoe: Miljoe = {
    stdout: (s) => void process.stdout.write(s.endsWith('\n') ? s : `${s}\n`),
    stdoutDel: (s) => void process.stdout.write(s),
    // Talk may quote data (paths, post names): each of its lines is made `synlig`, no raw ESC reaches the terminal.
    stderr: (s) => void process.stderr.write(`${s.split('\n').map(synlig).join('\n')}\n`),
    farve: process.stdout.isTTY === true && !process.env.NO_COLOR,
    terminal: process.stdout.isTTY === true,
    debug: Boolean(process.env.BUDGETOPF_DEBUG),
  };
  process.exitCode = await main(process.argv.slice(2), miljoe);
}
