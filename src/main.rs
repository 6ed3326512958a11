//! The `casefile` command line: a thin layer over the library.

/// jemalloc instead of the system allocator: on the 100 MB scale corpus a one-core run is
/// about 10% faster (1.43 -> 1.28 s median, interleaved runs), and the 50 MB single-line
/// document peaks at 6.5x its size instead of 8.0x (glibc's arenas keep freed memory).
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

/// jemalloc's options, read when it starts (the `_RJEM_MALLOC_CONF` environment variable
/// still overrides them). Freed pages go back to the system after half a second, by a
/// background thread, instead of after ten seconds: a large document's freed stages (a
/// vector that doubled leaves its old buffer behind) no longer count in the peak of the
/// next. 8 MB of one word per line: peak RSS 160 -> 141 MB; the 100 MB scale corpus: the
/// same time (1.26-1.39 s either way, interleaved runs) and 82 -> 78 MB.
#[cfg(not(target_env = "msvc"))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: ConfPtr =
    ConfPtr(c"background_thread:true,dirty_decay_ms:500,muzzy_decay_ms:0".as_ptr());

/// A C string pointer that may be a static (it points to a literal).
#[cfg(not(target_env = "msvc"))]
#[repr(transparent)]
struct ConfPtr(*const std::ffi::c_char);

// SAFETY: the pointer is to an immutable string literal, never written.
#[cfg(not(target_env = "msvc"))]
unsafe impl Sync for ConfPtr {}

use anyhow::{Context, Result};
use casefile::annotate::{self, InputFormat};
use casefile::dates::scheme::TimexScheme;
use casefile::limits::Limits;
use casefile::pipeline::{self, Resources, RunConfig};
use clap::{Parser, Subcommand, ValueEnum};
use std::io::{IsTerminal, Read};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "casefile",
    version,
    about = "Turn scraped news and NGO reports into normalised case events (JSON lines)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Resource limits (see README: Limits).
#[derive(clap::Args, Clone, Copy)]
struct LimitArgs {
    /// Largest document (after gunzip) or annotate input line, in bytes; larger ones get an
    /// error record and are not loaded.
    #[arg(long, default_value_t = Limits::default().max_doc_bytes)]
    max_doc_bytes: usize,
    /// Deepest HTML nesting kept as a tree (deeper elements are flattened, text kept).
    #[arg(long, default_value_t = Limits::default().max_depth)]
    max_depth: usize,
    /// Largest total size of the gazetteer files, in bytes.
    #[arg(long, default_value_t = Limits::default().max_gazetteer_bytes)]
    max_gazetteer_bytes: usize,
    /// How many times its compressed size gzip input (.gz, .warc.gz records, gzip or
    /// deflate HTTP bodies) may expand, 1 MiB always allowed; beyond it the document gets
    /// an error record.
    #[arg(long, default_value_t = Limits::default().max_gzip_ratio)]
    max_gzip_ratio: usize,
}

impl From<LimitArgs> for Limits {
    fn from(a: LimitArgs) -> Self {
        Limits {
            max_doc_bytes: a.max_doc_bytes,
            max_depth: a.max_depth,
            max_gazetteer_bytes: a.max_gazetteer_bytes,
            max_gzip_ratio: a.max_gzip_ratio,
        }
    }
}

#[derive(Subcommand)]
enum Command {
    /// Run the whole pipeline over a corpus and write JSON lines to the out directory.
    Run {
        /// Corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Gazetteer directory (*.gaz files), used instead of the built-in gazetteers
        /// (default: the built-in set, the repository's gazetteers/ compiled in).
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// A name list (TSV: canonical<TAB>type, then optional id, aliases, acronyms,
        /// cyrillic, context; see README); repeatable. Its names are matched with every
        /// spelling, surname and acronym the rules find.
        #[arg(long = "names", value_name = "FILE")]
        names: Vec<PathBuf>,
        /// Rules directory (boilerplate.txt, triggers.tsv, ...); default: rules/ if present, else built-in.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// No progress bar and no summary line.
        #[arg(long)]
        quiet: bool,
        /// Exit with status 1 when errors.jsonl has any record (error or warning), or the
        /// corpus holds no document.
        #[arg(long)]
        strict: bool,
        /// Reuse the previous run's output in --out for documents that did not change
        /// (by content hash; a changed executable, gazetteer, rule file or limit
        /// re-processes everything). The output equals a full run's.
        #[arg(long)]
        incremental: bool,
        /// Process only shard K of N (K from 0): the files whose content id hashes to K.
        /// Combine the shards' out directories with `casefile merge`.
        #[arg(long, value_name = "K/N")]
        shard: Option<casefile::pipeline::shard::Shard>,
        /// Which temporal expressions to report: `dates` (a case record's: dates, periods,
        /// ranges, counted lengths of time) or `timeml` (every TIMEX3, with `now`,
        /// `monthly`, clock times: TempEval's scheme).
        #[arg(long, value_enum, default_value_t = TimexScheme::Dates)]
        timexes: TimexScheme,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Combine the out directories of `run --shard K/N` runs into one, byte-identical to a
    /// single run over the whole corpus (events merged across shards).
    Merge {
        /// Shard out directories.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Gazetteer directory (*.gaz files), used instead of the built-in gazetteers
        /// (default: the built-in set, the repository's gazetteers/ compiled in).
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// A name list (TSV: canonical<TAB>type, then optional id, aliases, acronyms,
        /// cyrillic, context; see README); repeatable. Its names are matched with every
        /// spelling, surname and acronym the rules find.
        #[arg(long = "names", value_name = "FILE")]
        names: Vec<PathBuf>,
    },
    /// Check a corpus for CI: gazetteer errors, ambiguous surfaces, unknown name variants,
    /// new names, contradictions between sources, failed or empty documents, drift from a
    /// snapshot. Exit 0 clean, 1 findings at failing severity, 2 could not run.
    Check {
        /// Corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Gazetteer directory (*.gaz files), used instead of the built-in gazetteers
        /// (default: the built-in set, the repository's gazetteers/ compiled in).
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// A name list (TSV: canonical<TAB>type, then optional id, aliases, acronyms,
        /// cyrillic, context; see README); repeatable. Its names are matched with every
        /// spelling, surname and acronym the rules find.
        #[arg(long = "names", value_name = "FILE")]
        names: Vec<PathBuf>,
        /// Rules directory; default: rules/ if present, else built-in.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// A reviewed output snapshot (an out directory) to compare the output with.
        #[arg(long)]
        expected: Option<PathBuf>,
        /// Policy file (`fail_on = ...`, `CODE = error|warning|info|ignore`); default:
        /// rules/check.policy if present.
        #[arg(long)]
        policy: Option<PathBuf>,
        /// The least severity that fails the check (overrides the policy file).
        #[arg(long, value_enum)]
        fail_on: Option<FailOn>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
        format: ReportFormat,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Load a run's output into a database (SQLite, bundled), upserting by the
    /// content-derived ids in one transaction. For PostgreSQL see schema/postgres.sql.
    Load {
        /// The SQLite database file (created if missing).
        #[arg(long)]
        sqlite: PathBuf,
        /// The run's output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Make the database mirror this run: delete documents, events and entities it
        /// does not have.
        #[arg(long)]
        prune: bool,
    },
    /// Write a self-contained HTML page of case timelines (per person and organisation,
    /// with sources, and conflicts between sources highlighted) from a run's output.
    Report {
        /// The HTML file to write.
        #[arg(long)]
        html: PathBuf,
        /// The run's output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Export a run's output as spreadsheet tables (CSV): events.csv (one row per event),
    /// event_sources.csv, mentions.csv and entities.csv.
    Export {
        /// The directory to write the CSV files into (created if missing).
        #[arg(long, value_name = "DIR")]
        csv: PathBuf,
        /// The run's output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Print the case history of an entity (by id or name) from a run's events.jsonl.
    History {
        /// Entity id (person/larisa-kharkova) or name, in any spelling the run knows
        /// (`casefile entities QUERY` lists the candidates).
        entity: String,
        /// The run's output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Print each source's evidence sentence and URL under its event.
        #[arg(long)]
        evidence: bool,
    },
    /// List the entities of a run's output, or search them by name or any spelling (case,
    /// accents and transliteration ignored): id, mention count and name, most mentioned
    /// first.
    Entities {
        /// Name, part of a name or spelling to search; none lists the entities mentioned.
        query: Option<String>,
        /// Without a query: list the entities never mentioned too.
        #[arg(long)]
        all: bool,
        /// The run's output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
    },
    /// Annotate one document (text or HTML) or a JSON-lines stream, without a corpus.
    Annotate {
        /// Input file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Input format.
        #[arg(long, value_enum, default_value_t = Fmt::Auto)]
        format: Fmt,
        /// Document creation date (YYYY-MM-DD) for inputs that carry none.
        #[arg(long)]
        dct: Option<String>,
        /// Gazetteer directory (*.gaz files), used instead of the built-in gazetteers
        /// (default: the built-in set, the repository's gazetteers/ compiled in).
        #[arg(long, value_name = "DIR")]
        gazetteers: Option<PathBuf>,
        /// A name list (TSV: canonical<TAB>type, then optional id, aliases, acronyms,
        /// cyrillic, context; see README); repeatable. Its names are matched with every
        /// spelling, surname and acronym the rules find.
        #[arg(long = "names", value_name = "FILE")]
        names: Vec<PathBuf>,
        /// Rules directory; default: rules/ if present, else built-in.
        #[arg(long)]
        rules: Option<PathBuf>,
        /// Worker threads (default: all cores).
        #[arg(long, default_value_t = 0)]
        jobs: usize,
        /// Exit with status 1 when any input line has an error.
        #[arg(long)]
        strict: bool,
        /// Which temporal expressions to report: `dates` (a case record's: dates, periods,
        /// ranges, counted lengths of time) or `timeml` (every TIMEX3, with `now`,
        /// `monthly`, clock times: TempEval's scheme).
        #[arg(long, value_enum, default_value_t = TimexScheme::Dates)]
        timexes: TimexScheme,
        #[command(flatten)]
        limits: LimitArgs,
    },
    /// Gazetteer tools: validate, show variants, export, suggest new entries.
    Gazetteer {
        #[command(subcommand)]
        command: GazCommand,
        /// Gazetteer directory (*.gaz files), used instead of the built-in gazetteers
        /// (default: the built-in set, the repository's gazetteers/ compiled in).
        #[arg(long, value_name = "DIR", global = true)]
        gazetteers: Option<PathBuf>,
    },
    /// Print the main text of one page, or write benchmark predictions for a directory.
    Extract {
        /// HTML file, or - for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// Extract every *.html(.gz) of this directory (one thread, timed).
        #[arg(long)]
        bench: Option<PathBuf>,
        /// With --bench: where to write {id: {"articleBody": text}}.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Rules directory; default: rules/ if present, else built-in.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(Subcommand)]
enum GazCommand {
    /// Convert a name list (TSV, as `--names` reads it) to gazetteer format, for curating:
    /// every entry as a `.gaz` block. Malformed lines are reported (file:line) and skipped.
    Import {
        /// The name list.
        file: PathBuf,
        /// Write here instead of standard output.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Validate the gazetteer files; every error with file and line. Exit 1 on errors.
    Lint,
    /// Write the built-in gazetteer files into a directory, to edit them and run with
    /// `--gazetteers DIR`. Existing files are not overwritten.
    Init {
        /// The directory (created if missing).
        dir: PathBuf,
    },
    /// Show an entity's surfaces: declared, generated romanisations, partials, skeleton keys.
    Variants {
        /// Entity id.
        id: String,
    },
    /// Export every surface as `surface<TAB>entity_id` (the peer benchmark's names file).
    Export {
        /// Tab-separated output (the only format).
        #[arg(long)]
        tsv: bool,
    },
    /// Run over a corpus and print candidate entries and aliases for names the gazetteer
    /// lacks, in gazetteer format.
    Suggest {
        /// Corpus directory.
        #[arg(long, default_value = "corpus")]
        corpus: PathBuf,
        /// Rules directory; default: rules/ if present, else built-in.
        #[arg(long)]
        rules: Option<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Clone, Copy, ValueEnum)]
enum ReportFormat {
    Text,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum Fmt {
    Auto,
    Html,
    Text,
    Jsonl,
}

fn default_rules(given: Option<PathBuf>) -> Option<PathBuf> {
    given.or_else(|| {
        let p = PathBuf::from("rules");
        p.is_dir().then_some(p)
    })
}

/// The gazetteer directory to load: `--gazetteers DIR`, else the built-in set.
fn gazetteer_dir(given: Option<PathBuf>) -> PathBuf {
    given.unwrap_or_else(|| PathBuf::from(casefile::gazetteer::BUILTIN))
}

fn main() -> ExitCode {
    match real_main() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casefile: error: {e:#}");
            ExitCode::from(2)
        }
    }
}

fn real_main() -> Result<ExitCode> {
    let cli = Cli::parse();
    match cli.command {
        Command::Run {
            corpus,
            gazetteers,
            names,
            rules,
            out,
            jobs,
            quiet,
            strict,
            incremental,
            shard,
            timexes,
            limits,
        } => {
            let cfg = RunConfig {
                corpus,
                gazetteers: gazetteer_dir(gazetteers),
                names,
                rules: default_rules(rules),
                out,
                jobs,
                progress: !quiet && std::io::stderr().is_terminal(),
                limits: limits.into(),
                incremental,
                shard,
                timexes,
            };
            let s = pipeline::run(&cfg)?;
            for w in &s.name_warnings {
                eprintln!("casefile: warning: {w} (line skipped)");
            }
            if !quiet {
                if let Some(why) = &s.not_reused {
                    eprintln!("casefile: incremental: nothing reused ({why})");
                }
                let reuse = if incremental {
                    format!(
                        " ({} re-processed, {} reused)",
                        s.sources - s.reused,
                        s.reused
                    )
                } else {
                    String::new()
                };
                eprintln!(
                    "casefile: {}{reuse} in {:.2}s -> {}",
                    s.line(),
                    s.seconds,
                    cfg.out.display()
                );
            }
            if s.files == 0 {
                eprintln!(
                    "casefile: warning: no documents in {}: no .html, .htm, .txt, .md, .pdf or WARC file{}",
                    cfg.corpus.display(),
                    if strict { " (--strict: failing)" } else { "" }
                );
                if strict {
                    return Ok(ExitCode::from(1));
                }
            }
            if strict && s.error_records > 0 {
                eprintln!(
                    "casefile: {} error records, {} warning records (see {}/errors.jsonl)",
                    s.errors,
                    s.warnings,
                    cfg.out.display()
                );
                return Ok(ExitCode::from(1));
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Gazetteer {
            command,
            gazetteers,
        } => gazetteer_command(command, &gazetteer_dir(gazetteers)),
        Command::Check {
            corpus,
            gazetteers,
            names,
            rules,
            expected,
            policy,
            fail_on,
            format,
            jobs,
            limits,
        } => {
            use casefile::check::{self, Policy, Severity};
            let policy_path = policy.or_else(|| {
                let p = PathBuf::from("rules/check.policy");
                p.is_file().then_some(p)
            });
            let mut pol = match &policy_path {
                Some(p) => Policy::load(p)?,
                None => Policy::default(),
            };
            if let Some(f) = fail_on {
                pol.fail_on = match f {
                    FailOn::Error => Some(Severity::Error),
                    FailOn::Warning => Some(Severity::Warning),
                    FailOn::Info => Some(Severity::Info),
                    FailOn::Never => None,
                };
            }
            let cfg = check::CheckConfig {
                corpus,
                gazetteers: gazetteer_dir(gazetteers),
                names,
                rules: default_rules(rules),
                expected,
                jobs,
                limits: limits.into(),
            };
            let report = check::check(&cfg, &pol)?;
            match format {
                ReportFormat::Text => print!("{}", check::render_text(&report)),
                ReportFormat::Json => println!("{}", serde_json::to_string_pretty(&report)?),
            }
            Ok(ExitCode::from(report.exit_code()))
        }
        Command::Merge {
            inputs,
            out,
            gazetteers,
            names,
        } => {
            let s = casefile::pipeline::shard::merge_runs_with_names(
                &inputs,
                &out,
                &gazetteer_dir(gazetteers),
                &names,
            )?;
            eprintln!(
                "casefile: merged {} shard outputs: {} -> {}",
                inputs.len(),
                s.line(),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Load { sqlite, out, prune } => {
            let s =
                casefile::load::load_sqlite(&out, &sqlite, &casefile::load::LoadOptions { prune })?;
            eprintln!(
                "casefile: loaded {} documents, {} entities, {} mentions, {} timexes, {} events ({} sources, {} conflicting values){} into {}",
                s.documents,
                s.entities,
                s.mentions,
                s.timexes,
                s.events,
                s.event_sources,
                s.conflicts,
                if prune {
                    format!(", {} rows pruned", s.pruned)
                } else {
                    String::new()
                },
                sqlite.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Report { html, out } => {
            let data = casefile::report::ReportData::load(&out)?;
            let page = casefile::report::render(&data);
            casefile::emit::write_atomic(&html, page.as_bytes())?;
            eprintln!("casefile: wrote {} ({} bytes)", html.display(), page.len());
            Ok(ExitCode::SUCCESS)
        }
        Command::Export { csv, out } => {
            let s = casefile::export::export_csv(&out, &csv)?;
            eprintln!(
                "casefile: wrote {} events ({} sources), {} mentions, {} entities as CSV -> {}",
                s.events,
                s.event_sources,
                s.mentions,
                s.entities,
                csv.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Entities { query, all, out } => {
            use casefile::lookup;
            let rows = lookup::load_entities(&out)?;
            let hits: Vec<lookup::Hit> = match &query {
                Some(q) => lookup::search(&rows, q),
                None => {
                    let mut idx: Vec<usize> = (0..rows.len())
                        .filter(|&i| all || rows[i].mentions > 0)
                        .collect();
                    idx.sort_by(|&a, &b| {
                        rows[b]
                            .mentions
                            .cmp(&rows[a].mentions)
                            .then(rows[a].id.cmp(&rows[b].id))
                    });
                    idx.into_iter()
                        .map(|index| lookup::Hit {
                            index,
                            matched: rows[index].name.clone(),
                            exact: false,
                        })
                        .collect()
                }
            };
            if hits.is_empty() {
                eprintln!(
                    "casefile: no entity {}in {}",
                    query
                        .as_deref()
                        .map(|q| format!("matches `{q}` "))
                        .unwrap_or_default(),
                    out.join("entities.jsonl").display()
                );
                return Ok(ExitCode::from(1));
            }
            print!("{}", entity_lines(&rows, &hits));
            Ok(ExitCode::SUCCESS)
        }
        Command::History {
            entity,
            out,
            evidence,
        } => {
            use casefile::lookup::{self, Resolved};
            let mut opts = casefile::events::history::Options {
                evidence,
                ..Default::default()
            };
            let entity = match lookup::load_entities(&out) {
                Ok(rows) => {
                    opts.names = lookup::names(&rows);
                    match lookup::resolve(&rows, &entity) {
                        Resolved::One(i) => rows[i].id.clone(),
                        Resolved::Ambiguous(hits) => {
                            eprintln!(
                                "casefile: `{entity}` names {} entities; give one of their ids:",
                                hits.len()
                            );
                            eprint!("{}", entity_lines(&rows, &hits));
                            return Ok(ExitCode::from(1));
                        }
                        Resolved::NotFound => {
                            eprintln!(
                                "casefile: no entity matches `{entity}` in {} (list them with `casefile entities`)",
                                out.join("entities.jsonl").display()
                            );
                            return Ok(ExitCode::from(1));
                        }
                    }
                }
                // An id needs only events.jsonl.
                Err(_) if entity.contains('/') => entity,
                Err(e) => return Err(e.into()),
            };
            let p = out.join("events.jsonl");
            let text = std::fs::read_to_string(&p).with_context(|| {
                format!("{}: cannot read (run `casefile run` first)", p.display())
            })?;
            let mut events = Vec::new();
            for (i, line) in text.lines().enumerate() {
                events.push(
                    serde_json::from_str(line)
                        .with_context(|| format!("{}:{}: not a JSON line", p.display(), i + 1))?,
                );
            }
            let h = casefile::events::history::render_with(&entity, &events, &opts);
            if h.lines().count() <= 1 {
                eprintln!("casefile: no events of {entity} in {}", p.display());
                return Ok(ExitCode::from(1));
            }
            print!("{h}");
            Ok(ExitCode::SUCCESS)
        }
        Command::Extract {
            file,
            bench,
            out,
            rules,
        } => {
            let cleaner = casefile::pipeline::cleaner_of(default_rules(rules).as_deref())?;
            if let Some(dir) = bench {
                let r = casefile::extract::bench_dir(&cleaner, &dir)?;
                let json = serde_json::to_string(&r.predictions)?;
                match out {
                    Some(p) => casefile::emit::write_atomic(&p, json.as_bytes())?,
                    None => println!("{json}"),
                }
                eprintln!(
                    "casefile extract: {} pages, {:.1} MB in {:.3}s on one thread: {:.1} pages/s, {:.1} MB/s",
                    r.pages,
                    r.bytes as f64 / 1e6,
                    r.seconds,
                    r.pages as f64 / r.seconds,
                    r.bytes as f64 / 1e6 / r.seconds
                );
                return Ok(ExitCode::SUCCESS);
            }
            let bytes = if file == "-" {
                let mut b = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut b)
                    .context("reading standard input")?;
                b
            } else {
                casefile::ingest::read_bytes(std::path::Path::new(&file))
                    .map_err(|m| anyhow::anyhow!("{file}: {m}"))?
            };
            let html = casefile::ingest::decode_html(&bytes)
                .map_err(|m| anyhow::anyhow!("{file}: {m}"))?;
            let doc = casefile::pipeline::clean_html_with(
                &cleaner,
                casefile::limits::Limits::default().max_depth,
                "-",
                &file,
                &html,
                None,
            );
            if doc.text.is_empty() {
                eprintln!("casefile: warning: {file}: no main text found");
            }
            println!("{}", doc.text);
            Ok(ExitCode::SUCCESS)
        }
        Command::Annotate {
            file,
            format,
            dct,
            gazetteers,
            names,
            rules,
            jobs,
            strict,
            timexes,
            limits,
        } => {
            let limits: Limits = limits.into();
            let dct = dct.as_deref().map(pipeline::parse_dct).transpose()?;
            let mut res = Resources::load_names(
                &gazetteer_dir(gazetteers),
                &names,
                default_rules(rules).as_deref(),
                limits,
            )?;
            res.timexes = timexes;
            for w in &res.name_warnings {
                eprintln!("casefile: warning: {w} (line skipped)");
            }
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs)
                .build_global()
                .ok();
            let stdout = std::io::stdout();
            let out = std::io::BufWriter::new(stdout.lock());
            let jsonl = matches!(format, Fmt::Jsonl)
                || (matches!(format, Fmt::Auto)
                    && (file.ends_with(".jsonl") || file.ends_with(".ndjson")));
            if jsonl {
                let max = limits.max_doc_bytes;
                let stats = if file == "-" {
                    annotate::annotate_stream_limited(&res, std::io::stdin().lock(), out, dct, max)?
                } else {
                    let f = std::fs::File::open(&file)
                        .with_context(|| format!("{file}: cannot open"))?;
                    annotate::annotate_stream_limited(
                        &res,
                        std::io::BufReader::new(f),
                        out,
                        dct,
                        max,
                    )?
                };
                if stats.errors > 0 {
                    eprintln!(
                        "casefile: {} of {} input lines had errors",
                        stats.errors, stats.lines
                    );
                    if strict {
                        return Ok(ExitCode::from(1));
                    }
                }
                return Ok(ExitCode::SUCCESS);
            }
            let mut content = String::new();
            if file == "-" {
                std::io::stdin()
                    .take(limits.max_doc_bytes as u64 + 1)
                    .read_to_string(&mut content)
                    .context("reading standard input")?;
                if content.len() > limits.max_doc_bytes {
                    anyhow::bail!(
                        "standard input: over the limit of {} bytes (--max-doc-bytes)",
                        limits.max_doc_bytes
                    );
                }
            } else {
                let path = std::path::Path::new(&file);
                let bytes = casefile::ingest::read_bytes_limited(path, &limits)
                    .map_err(|m| anyhow::anyhow!("{file}: {m}"))?;
                // HTML pages declare their charset; text gets BOM/UTF-8/detection.
                let html = matches!(format, Fmt::Html)
                    || (matches!(format, Fmt::Auto)
                        && casefile::ingest::format_of(path)
                            == Some(casefile::ingest::Format::Html));
                let decoded = casefile::ingest::decode::decode_bytes(bytes.into(), html, None)
                    .map_err(|m| anyhow::anyhow!("{file}: {m}"))?;
                for w in &decoded.warnings {
                    eprintln!("casefile: warning: {file}: {w}");
                }
                content = decoded.text;
            }
            let fmt = match format {
                Fmt::Html => InputFormat::Html,
                Fmt::Text => InputFormat::Text,
                _ => InputFormat::Auto,
            };
            let a = annotate::annotate_string(&res, content, fmt, dct)?;
            let mut out = std::io::BufWriter::new(out);
            use std::io::Write;
            a.write_json(&mut out)?;
            writeln!(out)?;
            out.flush()?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// One line per hit: mentions, id, name, and the spelling that matched when it is not the
/// name.
fn entity_lines(rows: &[casefile::lookup::EntityRow], hits: &[casefile::lookup::Hit]) -> String {
    let width = hits
        .iter()
        .map(|h| rows[h.index].id.chars().count())
        .max()
        .unwrap_or(0);
    let mut s = String::new();
    for h in hits {
        let r = &rows[h.index];
        let also = if h.matched != r.name {
            format!("  (matched: {})", h.matched)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "{:>6} mention{}  {:<width$}  {}{also}\n",
            r.mentions,
            if r.mentions == 1 { " " } else { "s" },
            r.id,
            r.name
        ));
    }
    s
}

fn gazetteer_command(command: GazCommand, dir: &std::path::Path) -> Result<ExitCode> {
    use casefile::gazetteer::{Gazetteer, names, skeleton, suggest};
    if let GazCommand::Import { file, out } = &command {
        let content = std::fs::read_to_string(file)
            .with_context(|| format!("{}: cannot read", file.display()))?;
        let (entries, errors) = names::parse(file, &content);
        for e in &errors {
            eprintln!("casefile: warning: {e} (line skipped)");
        }
        let gaz = names::to_gaz(&entries, file);
        match out {
            Some(p) => casefile::emit::write_atomic(p, gaz.as_bytes())?,
            None => print!("{gaz}"),
        }
        eprintln!(
            "casefile: imported {} entries ({} lines skipped)",
            entries.len(),
            errors.len()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let GazCommand::Init { dir } = &command {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("{}: cannot create", dir.display()))?;
        for (name, body) in casefile::gazetteer::BUILTIN_FILES {
            let p = dir.join(name);
            if p.exists() {
                anyhow::bail!("{}: exists; not overwritten", p.display());
            }
            casefile::emit::write_atomic(&p, body.as_bytes())?;
        }
        eprintln!(
            "casefile: wrote {} gazetteer files to {}; use them with --gazetteers {}",
            casefile::gazetteer::BUILTIN_FILES.len(),
            dir.display(),
            dir.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    if let GazCommand::Lint = command {
        return Ok(match Gazetteer::load_dir(dir) {
            Ok(g) => {
                let surfaces = g.rows.len();
                println!(
                    "{}: {} entities, {} surfaces, no errors",
                    dir.display(),
                    g.entities.len(),
                    surfaces
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                println!("{e}");
                ExitCode::from(1)
            }
        });
    }
    let g = Gazetteer::load_dir(dir)?;
    match command {
        GazCommand::Lint | GazCommand::Import { .. } | GazCommand::Init { .. } => {
            unreachable!("handled above")
        }
        GazCommand::Variants { id } => {
            let Some(&i) = g.by_id.get(&id) else {
                anyhow::bail!("{}: no entity `{id}`", dir.display());
            };
            let e = &g.entities[i];
            println!(
                "{} ({}) {}:{}",
                e.id,
                e.etype.as_str(),
                e.file.display(),
                e.line
            );
            for s in g.declared_surfaces(i) {
                println!("declared\t{s}\t{}", skeleton::keys(&s).join(","));
            }
            for a in &e.acronyms {
                println!("acronym\t{a}");
            }
            for (v, p) in &e.generated {
                println!("{p}\t{v}\t{}", skeleton::keys(v).join(","));
            }
            for p in g.partial_surfaces(i) {
                println!("partial\t{p}");
            }
        }
        GazCommand::Export { .. } => {
            let mut rows: Vec<(String, &str)> = g
                .rows
                .iter()
                .map(|r| (r.text.clone(), g.entities[r.entity].id.as_str()))
                .collect();
            rows.sort();
            rows.dedup();
            let mut out = std::io::BufWriter::new(std::io::stdout().lock());
            use std::io::Write;
            for (s, id) in rows {
                writeln!(out, "{s}\t{id}")?;
            }
        }
        GazCommand::Suggest { corpus, rules } => {
            let res = Resources::with_gazetteer(g, default_rules(rules).as_deref())?;
            let files = casefile::ingest::walk(&corpus)?;
            use rayon::prelude::*;
            let docs: Vec<casefile::doc::Doc> = files
                .par_iter()
                .filter_map(|p| {
                    let rel = p
                        .strip_prefix(&corpus)
                        .unwrap_or(p)
                        .to_string_lossy()
                        .to_string();
                    casefile::ingest::read(p, &rel)
                        .ok()
                        .map(|(raw, _)| res.process(&raw))
                })
                .flatten()
                .collect();
            print!("{}", suggest::render(&suggest::suggest(&docs)));
        }
    }
    Ok(ExitCode::SUCCESS)
}
