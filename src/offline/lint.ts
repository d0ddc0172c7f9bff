// `ecs-exec-checker lint`: files and directories in, one result list out. Each file is read by
// its kind (a CloudFormation/CDK template, a Terraform plan JSON or .tf file, or a task
// definition); a file that cannot be read becomes one result of its own, and every other file is
// still checked. Only when nothing could be checked at all is it bad input (one line, exit 2).
import { existsSync, readFileSync, readdirSync, statSync, type Dirent } from 'node:fs';
import { globSync } from 'tinyglobby';
import { LINT_FILE_LIMIT, tooLarge } from '../local/files';
import { dirname, extname, join, resolve } from 'node:path';
import type { Check } from '../checks/support/check';
import { FILE_READABLE } from '../checks/support/file-readable';
import { BadSuppression, NotAnEcsFile, NotRendered, OnlyInModules, PartOfModule, UsageError, parseProblem } from '../errors';
import { applySuppressions, suppressionOf, type Suppression } from '../suppress';
import { CHECKS, STEPS } from '../checks';
import type { TaskDefinition } from '../facts';
import type { CheckResult } from '../model';
import { ecspressoConfig, lintStarters, type EcspressoConfig, type StarterContext } from './service-definition';
import { actionOutsideStrings, parseSourceFiles, type SourceFile } from './source-file';
import { lintTaskDefinitions, taskDefinitionFile } from './task-definition';
import type { ModuleDirectories, TfFile } from './terraform-hcl';
import type { TerraformResource } from './terraform-resource';
import { lintTemplate, templateFile } from './template';

/** The kinds lint reads, by file name, when it walks a directory. */
const LINTED = new Set(['.json', '.yaml', '.yml', '.template', '.tf', '.tpl']);
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules', '.terraform', 'cdk.out.cache']);

interface Input {
  file: string;
  /** Found by walking a directory (a file of another kind is then skipped, not an error). */
  walked: boolean;
}

/** A pattern (infra/**\/*.json) as the files it matches, sorted: the CLI expands it, not the shell (a CI input). */
function expandGlob(given: string): string[] {
  if (given === '-' || !/[*?[{]/.test(given) || existsSync(given)) return [given];
  const found = globSync(given, { onlyFiles: true, dot: false, expandDirectories: false }).sort();
  if (found.length === 0) throw new UsageError(`${given} matches no file`);
  return found;
}

function expand(given: readonly string[]): Input[] {
  const inputs: Input[] = [];
  const walk = (directory: string) => {
    for (const entry of readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = join(directory, entry.name);
      if (entry.isDirectory() && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      else if (entry.isFile() && LINTED.has(extname(entry.name))) inputs.push({ file: path, walked: true });
    }
  };
  for (const file of given.flatMap(expandGlob)) {
    let directory = false;
    try {
      directory = file !== '-' && statSync(file).isDirectory();
    } catch {
      // read below, where a missing file becomes its result
    }
    if (directory) walk(file);
    else inputs.push({ file, walked: false });
  }
  return inputs;
}

/** A file's text, refused before it is read when it is larger than LINT_FILE_LIMIT. */
function readBounded(file: string): string {
  const { size } = statSync(file);
  if (size > LINT_FILE_LIMIT) throw tooLarge(file, size);
  return readFileSync(file, 'utf8');
}

export interface LintIo {
  readStdin(): string;
}

/** A file as read once: its text, and for JSON and YAML its parsed documents; or why it could not be. */
interface Read {
  input: Input;
  name: string;
  text?: string;
  sources?: SourceFile[];
  /** An ecspresso configuration among its documents: the service and the files it names. */
  config?: EcspressoConfig;
  error?: UsageError;
}

function readInput(input: Input, io: LintIo): Read {
  const name = input.file === '-' ? '<stdin>' : input.file;
  try {
    let text: string;
    try {
      text = input.file === '-' ? io.readStdin() : readBounded(input.file);
    } catch (error) {
      throw error instanceof UsageError ? error : new UsageError(`cannot read ${input.file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    if (extname(name) === '.tf') return { input, name, text };
    // ecspresso's definitions may be Jsonnet, which only ecspresso renders to JSON.
    if (extname(name) === '.jsonnet' || extname(name) === '.libsonnet') {
      throw new NotRendered(`${name} is Jsonnet: lint the JSON it renders to (ecspresso render taskdef, servicedef)`);
    }
    // ecspresso's {{ must_env `COUNT` }} where a number goes: JSON only once it is rendered.
    if ((extname(name) === '.json' || (input.file === '-' && /^\s*[[{]/.test(text))) && actionOutsideStrings(text)) {
      throw new NotRendered(`${name} is not JSON until its template actions ({{ ... }}) are filled in: lint the rendered file (ecspresso render taskdef, servicedef)`);
    }
    let sources: SourceFile[];
    try {
      sources = parseSourceFiles(name, text);
    } catch (error) {
      // A .json.tpl with unquoted ${...} placeholders is a template for a file, not the file.
      if (extname(name) === '.tpl') throw new NotAnEcsFile(`${name} is not a task definition until its placeholders are filled in: lint the rendered file`);
      throw error;
    }
    if (sources.length === 0) throw new UsageError(`${name} is empty`);
    const config = sources.map(ecspressoConfig).find((c) => c !== undefined);
    return { input, name, text, sources, ...(config ? { config } : {}) };
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { input, name, error };
  }
}

/**
 * Suppressions written beside what they accept: a CloudFormation resource's Metadata
 * (ecs-exec-checker: { skip: [{ id, container?, reason }] }), and in Terraform a comment in the
 * resource's block, as checkov reads them (# ecs-exec-checker:skip=ID:reason).
 */
function inlineSuppressions(read: Read, known: ReadonlySet<string>): Suppression[] {
  const { name } = read;
  const found: Suppression[] = [];
  for (const source of read.sources ?? []) {
    const resources = (source.data as { Resources?: unknown } | null)?.Resources;
    if (!resources || typeof resources !== 'object') continue;
    for (const [logicalId, resource] of Object.entries(resources as Record<string, { Metadata?: Record<string, { skip?: unknown }> }>)) {
      const skip = resource?.Metadata?.['ecs-exec-checker']?.skip;
      if (skip === undefined) continue;
      if (!Array.isArray(skip)) throw new BadSuppression(`${name}: Metadata ecs-exec-checker.skip of ${logicalId} is a list of { id, reason, container? }`);
      skip.forEach((entry, i) => found.push(suppressionOf(entry, `${name} Metadata of ${logicalId} (skip[${i}])`, 'inSource', known, logicalId, name)));
    }
  }
  if (extname(name) === '.tf' && read.text) {
    let resource: string | undefined;
    read.text.split('\n').forEach((line, i) => {
      const block = /^\s*resource\s+"([^"]+)"\s+"([^"]+)"/.exec(line);
      if (block) resource = `${block[1]}.${block[2]}`;
      const comment = /(?:#|\/\/)\s*ecs-exec-checker:skip=([^:\s]+)(?::(.*))?$/.exec(line);
      if (comment) {
        const by = `${name}:${i + 1}`;
        if (!resource) throw new BadSuppression(`${by}: an ecs-exec-checker:skip comment goes inside the resource block it accepts a finding of`);
        found.push(suppressionOf({ id: comment[1], reason: comment[2] }, by, 'inSource', known, resource, name));
      }
    });
  }
  return found;
}

/** The task definitions of a run's JSON and YAML files, by family: service definitions name them so. */
function familiesOf(reads: readonly Read[]): Map<string, TaskDefinition> {
  const families = new Map<string, TaskDefinition>();
  for (const source of reads.flatMap((r) => r.sources ?? [])) {
    try {
      const { definition } = taskDefinitionFile(source);
      if (definition.family) families.set(definition.family, definition);
    } catch {
      // not a task definition: its own reading says what it is
    }
  }
  return families;
}

/**
 * The .tf files of a run's directories, each read and parsed once: a Terraform module is every .tf
 * file of its directory, so each file is read with the others (a role in iam.tf, locals in
 * locals.tf) and checks the resources it holds.
 */
class TerraformModules implements ModuleDirectories {
  private readonly texts = new Map<string, TfFile[]>();
  /** Directories read as modules that linted files call by a local path. */
  readonly followed = new Set<string>();
  readonly calls: ModuleDirectories['calls'] = new Map();
  private readonly documents = new Map<string, Promise<Record<string, unknown>>>();
  /** Each file's resources, read once for every file of its module that is checked. */
  readonly resources = new Map<string, Promise<TerraformResource[]>>();

  /** The other .tf files beside `file` (none for stdin); one that cannot be read is left out. */
  siblingsOf(file: string): TfFile[] {
    if (file === '-') return [];
    return this.filesOf(dirname(file)).filter((sibling) => resolve(sibling.file) !== resolve(file));
  }

  /** Files the .tf files read with file() or templatefile(): their containers are checked there. */
  readonly templates = new Set<string>();

  read(directory: string, path: string): string | undefined {
    try {
      const text = readBounded(join(directory, path));
      this.templates.add(resolve(directory, path));
      return text;
    } catch {
      return undefined;
    }
  }

  /** The .tf files of a directory, read once; one that cannot be read is left out. */
  filesOf(directory: string): TfFile[] {
    let found = this.texts.get(directory);
    if (!found) {
      found = [];
      let entries: Dirent[] = [];
      try {
        entries = readdirSync(directory, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
      } catch {
        // A directory that cannot be listed: the file is read alone.
      }
      for (const entry of entries) {
        if (!entry.isFile() || extname(entry.name) !== '.tf') continue;
        try {
          found.push({ file: join(directory, entry.name), text: readBounded(join(directory, entry.name)) });
        } catch {
          // Too large or unreadable: linted on its own, it says so.
        }
      }
      this.texts.set(directory, found);
    }
    return found;
  }

  parsed(file: TfFile, parse: (file: TfFile) => Promise<Record<string, unknown>>): Promise<Record<string, unknown>> {
    const key = resolve(file.file);
    let document = this.documents.get(key);
    if (!document) this.documents.set(key, (document = parse(file)));
    return document;
  }
}

/**
 * What ecspresso configurations among the files say of the service definitions they name: the
 * service's name and its task definition. Files they name that the run was not given are added
 * (`lint ecspresso.yml` checks the deploy it describes).
 */
function ecspressoLinks(reads: Read[], io: LintIo): Map<string, Omit<StarterContext, 'families'>> {
  const links = new Map<string, Omit<StarterContext, 'families'>>();
  const configs = reads.flatMap((read) => (read.config ? [read.config] : []));
  const readOf = (file: string) => {
    let found = reads.find((r) => r.input.file !== '-' && resolve(r.input.file) === resolve(file));
    if (!found) reads.push((found = readInput({ file, walked: false }, io)));
    return found;
  };
  for (const config of configs) {
    const definitions = config.taskDefinition ? (readOf(config.taskDefinition).sources ?? []) : [];
    if (config.serviceDefinition) readOf(config.serviceDefinition);
    let configured: TaskDefinition | undefined;
    try {
      configured = definitions[0] ? taskDefinitionFile(definitions[0]).definition : undefined;
    } catch {
      // not a task definition: its own reading says so
    }
    if (config.serviceDefinition) links.set(resolve(config.serviceDefinition), { config, configured });
  }
  return links;
}

/** What one file says (a .tf file, or each JSON or YAML document). */
async function lintRead(read: Read, checks: readonly Check[], families: ReadonlyMap<string, TaskDefinition>, modules: TerraformModules, links: ReadonlyMap<string, Omit<StarterContext, 'families'>>): Promise<CheckResult[]> {
  const { input, name } = read;
  if (!read.sources) {
    const [{ hclModule, parseTf }, { lintTerraform }] = await Promise.all([import('./terraform-hcl'), import('./terraform')]);
    const sibling = (path: string) => modules.read(dirname(input.file), path);
    // Stdin has no directory for its modules' paths to start from.
    const directories = input.file === '-' ? undefined : modules;
    const resources = await hclModule({ file: name, text: read.text ?? '' }, modules.siblingsOf(input.file), sibling, (file) => modules.parsed(file, parseTf), modules.resources, directories).catch(
      (error: unknown) => {
        // A module it calls that cannot be followed says so itself.
        if (error instanceof UsageError) throw error;
        throw new UsageError(`${name} is not valid HCL: ${parseProblem(error)}`);
      },
    );
    return lintTerraform(name, resources, checks);
  }
  const link = input.file === '-' ? undefined : links.get(resolve(input.file));
  const perDocument = await Promise.all(read.sources.map((source) => lintDocument(source, checks, { ...link, families })));
  return perDocument.flat();
}

/** One JSON or YAML document: a template, a Terraform plan, a service definition or a task definition. */
async function lintDocument(source: SourceFile, checks: readonly Check[], context: StarterContext): Promise<CheckResult[]> {
  const template = templateFile(source);
  if (template) return lintTemplate(template, checks);
  const { isPlan, planResources } = await import('./terraform-plan');
  if (isPlan(source.data)) return (await import('./terraform')).lintTerraform(source.file, planResources(source.data), checks);
  // An ecspresso configuration: what it names is read with the files it names.
  if (ecspressoConfig(source)) return [];
  return (await lintStarters(source, checks, context)) ?? lintTaskDefinitions([taskDefinitionFile(source)], checks);
}

export async function lintFiles(given: readonly string[], checks: readonly Check[], io: LintIo): Promise<{ results: CheckResult[]; files: string[] }> {
  const inputs = expand(given);
  const known = new Set([...CHECKS, ...STEPS].map((c) => c.id));
  const reads = inputs.map((input) => readInput(input, io));
  const links = ecspressoLinks(reads, io);
  const families = familiesOf(reads);
  const modules = new TerraformModules();
  const outcomes = await Promise.all(
    reads.map(async (read) => {
      const { input } = read;
      if (read.error) return { input, error: read.error };
      try {
        const results = applySuppressions(await lintRead(read, checks, families, modules, links), inlineSuppressions(read, known));
        // An ecspresso configuration is checked through the files it names (from stdin, it has no
        // directory to name them from: alone, that is nothing checked, never "should work").
        if (results.length === 0 && read.config) {
          return { input, config: true, error: new PartOfModule(`${read.name} is an ecspresso configuration: lint reads the service and task definition files it names, by its path (from stdin it names none)`) };
        }
        // A file that holds nothing to check says so: no results must never read as "should work".
        if (results.length === 0) return { input, error: new NotAnEcsFile(`${read.name} holds no ECS task definition, service or task to check`) };
        return { input, results };
      } catch (error) {
        if (error instanceof BadSuppression) throw error;
        // A shape no real file has (a number where a list goes, say) is bad input, not a crash.
        if (!(error instanceof UsageError)) {
          return { input, error: new UsageError(`${read.name} could not be read: ${error instanceof Error ? error.message : String(error)}`) };
        }
        return { input, error };
      }
    }),
  );
  const checked = outcomes.filter((o) => o.results);
  // Nothing could be checked: bad input, said in one line as before.
  if (checked.length === 0) {
    const failure = outcomes.find((o) => o.error && !o.input.walked) ?? outcomes.find((o) => o.error);
    if (failure?.error) throw failure.error;
    throw new UsageError(`no task definition, template or Terraform file found in ${given.join(', ')}`);
  }
  const results = outcomes.flatMap(({ input, results, error, config }): CheckResult[] => {
    // A module's files met on a walk whose files call it by its path: checked through the calls,
    // with the inputs they give (alone, its variables would all be unknown).
    if (input.walked && input.file !== '-' && extname(input.file) === '.tf' && modules.followed.has(resolve(dirname(input.file)))) return [];
    // A container definitions file a walk meets that a .tf file reads (templatefile("containers.json.tpl")):
    // checked there, with the values the call fills in, not again alone.
    if (input.walked && input.file !== '-' && modules.templates.has(resolve(input.file))) return [];
    if (results) return results;
    // variables.tf, iam.tf of a module whose other files are checked, or an ecspresso configuration
    // (given or walked): read with them, nothing of its own to say.
    if ((input.walked || config) && error instanceof PartOfModule) return [];
    const file = input.file === '-' ? '<stdin>' : input.file;
    const message = (error as UsageError).message;
    // A file of another kind met on a walk (a package.json, a workflow) is not an error.
    const otherKind = input.walked && error instanceof NotAnEcsFile;
    // Terraform whose ECS resources are all in modules, or a task definition still to be rendered:
    // met on a walk, a skip that could not tell (the verdict must not be "should work" without them).
    const unread = !otherKind ? undefined : error instanceof OnlyInModules ? OnlyInModules.remediation : error instanceof NotRendered ? NotRendered.remediation : undefined;
    return [
      {
        id: FILE_READABLE.id,
        title: FILE_READABLE.title,
        group: FILE_READABLE.group,
        docs: FILE_READABLE.docs,
        status: otherKind ? 'skip' : 'error',
        message,
        remediation: unread
          ? unread
          : otherKind
            ? 'Nothing to do: lint reads task definitions, CloudFormation/CDK templates and Terraform.'
            : `Fix ${file} so that it parses, or leave it out.`,
        location: { file, path: '' },
        ...(unread ? { notKnowable: true } : {}),
      },
    ];
  });
  return { results, files: reads.map(({ input }) => (input.file === '-' ? '<stdin>' : input.file)) };
}
