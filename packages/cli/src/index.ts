/**
 * `dcc` — command-line entry. Subcommands live in their own modules; `main` returns the
 * exit code instead of exiting so that tests can run it in-process.
 *
 * Each subcommand's module is imported when that command runs: a new process pays only for
 * the packages its command uses (importing them all cost ≈ 0.4 s of CPU before
 * `dcc validate` started: the CDA model, the DMP connector, MSSanté…).
 */

export interface Io {
  readonly stdout: { write(chunk: string): unknown };
  readonly stderr: { write(chunk: string): unknown };
}

export const USAGE = `Usage: dcc <command> [options]

Commands:
  build pps|frcp INPUT.json [-o OUT.xml] [--lang fr|en]
      Builds a CANCER-PPS / CANCER-FRCP 2022.01 CDA document from a JSON input
      (schema: packages/cda/schema/pps.schema.json, frcp.schema.json). Writes to stdout
      without -o. Exit status: 0 built, 1 invalid input (each problem with its field path).
  parse FILE.xml
      Reads a PPS or FRCP CDA document back into the JSON model (stdout).
  validate [--volet pps|frcp] [--format text|json|junit] [--kit DIR] [--no-cache] [--workers N] FILE...
      Checks CDA documents against the seven layers of the ANS TestContenuCDA kit. Several
      files run on N worker threads (default: min(2, cores); 0 or 1: this thread).
      Exit status: 0 all valid, 1 a document has errors, 2 usage or engine error, or a file
      without a verdict (unreadable, not well-formed, undetectable volet: its own entry).
  metadata [--visibility FLAG[,FLAG]] [--comments TEXT] FILE.xml
      Prints the XDS metadata of a PPS or FRCP document as JSON ({ entry, facts }): the
      DocumentEntry the DMP and MSSante receive (UTC times, INS, codes, hash and size of
      the file) and the facts the DMP rules check. FLAG: MASQUE_PS, INVISIBLE_PATIENT,
      INVISIBLE_REPRESENTANTS_LEGAUX. Exit status: 0 done, 1 the document cannot give
      metadata (each problem with its path), 2 usage error or unreadable file.
  package iti41 FILE.xml -o OUT.mime [--key KEY.pem --cert CERT.pem [--digest sha256|sha1]] [--visibility FLAG[,FLAG]]
                [--source-id OID] [--entry-uuid UUID] [--submission-set-id OID] [--replaces ENTRY-UUID] [--to URL]
      Writes the ITI-41 Provide and Register request of the document as a SOAP 1.2 MTOM/XOP
      multipart (MIME headers first: Content-Type carries the boundary), for vendors with
      their own transport. With --key/--cert (PEM, the organisation's signing certificate)
      the XAdES signature entry the DMP requires is added (SHA-256, or SHA-1 with --digest
      sha1 for a platform that accepts nothing else). No WS-Security header: add the
      VIHF when sending. Prints the ids as JSON. Exit status: 0 written, 1 the document
      cannot give metadata, 2 usage error or unreadable file.
  package xdm FILE.xml -o OUT.zip [--organisation NAME] [--contact TEXT] [--to ADDRESS]...
      Packages a PPS or FRCP as IHE_XDM.zip for MSSanté (INDEX.HTM, README.TXT,
      IHE_XDM/SUBSET01/METADATA.XML, DOC0001.XML). Exit status: 0 written, 1 the XDS metadata
      cannot be derived (each problem with its XPath), 2 usage error. \`dcc package xdm -h\` lists options.
  kit fetch [--dir DIR] [--repo URL] [--commit SHA] [--force]
      Fetches the ANS TestContenuCDA kit (git) at the pinned commit into the cache the tools
      look in, with the Linux fixes, and checks it. \`dcc kit where\` prints the kit folder in use.

Environment:
  ANS_KIT_DIR     folder of the ANS kit (default: ../shared/ans-testcontenucda from the repository
                  root, else the cache of \`dcc kit fetch\`)
  DCC_KIT_CACHE   root of that cache (default: $XDG_CACHE_HOME/dcc-kit or ~/.cache/dcc-kit)
  DCC_CACHE_DIR   folder for compiled rules (default: node_modules/.cache/dcc-kit)
`;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'validate':
      return (await import('./validate-command.js')).validateCommand(rest, io);
    case 'build':
      return (await import('./build-command.js')).buildCommand(rest, io);
    case 'parse':
      return (await import('./build-command.js')).parseCommand(rest, io);
    case 'metadata':
      return (await import('./metadata-command.js')).metadataCommand(rest, io);
    case 'package':
      return (await import('./package-command.js')).packageCommand(rest, io);
    case 'kit':
      return (await import('./kit-command.js')).kitCommand(rest, io);
    case undefined:
    case '-h':
    case '--help':
    case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`dcc: unknown command "${command}"\n\n${USAGE}`);
      return 2;
  }
}
