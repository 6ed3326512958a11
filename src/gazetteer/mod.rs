//! Gazetteers: entities with their canonical names, Cyrillic forms, aliases and acronyms,
//! loaded from reviewable text files and compiled into one matcher.
//!
//! # File format (`*.gaz`)
//!
//! One entity per block; blocks are separated by blank lines; `#` starts a comment line.
//! Each line is `key: value`; list values are separated by ` | `.
//!
//! ```text
//! id: person/larisa-kharkova
//! type: person
//! name: Larisa Kharkova
//! ru: Лариса Харькова
//! alias: Larisa Nikolayevna Kharkova | Kharkova
//! context: KNPRK | union
//! ```
//!
//! Keys: `id` (stable, required, starts the block), `type` (`person`, `org`, `place`;
//! required), `name` (canonical English name; required), `ru` and `kk` (Russian and Kazakh
//! Cyrillic forms), `alias` (other spellings in any script), `acronym` (matched only when
//! written without lower-case letters), `context` (words that support this entity where a
//! surface is shared), `ambiguous` (surfaces this entity knowingly shares with another).
//!
//! Person surfaces of one word (and the last word of every multi-word person surface) are
//! *partial*: they link only where the document names the person in full earlier, or where
//! no other person shares them ([`crate::resolve`]).

pub mod lexicon;
pub mod matcher;
pub mod names;
pub mod skeleton;
pub mod suggest;
pub mod translit;
pub mod variants;

use crate::clean::fold::Folded;
use crate::doc::EntityType;
use crate::error::{Error, Result};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

pub use matcher::Matcher;

/// One gazetteer entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entity {
    /// Stable id.
    pub id: String,
    /// Kind.
    pub etype: EntityType,
    /// Canonical English name.
    pub name: String,
    /// Russian Cyrillic forms.
    pub ru: Vec<String>,
    /// Kazakh Cyrillic forms.
    pub kk: Vec<String>,
    /// Other spellings.
    pub aliases: Vec<String>,
    /// Acronyms.
    pub acronyms: Vec<String>,
    /// Context words.
    pub context: Vec<String>,
    /// Surfaces declared as shared with another entity.
    pub ambiguous: Vec<String>,
    /// Romanisations generated from the Cyrillic forms ([`translit`]), with their system.
    pub generated: Vec<(String, &'static str)>,
    /// Where the entry is defined.
    pub file: PathBuf,
    /// Line of its `id`.
    pub line: usize,
}

/// What kind of surface a pattern is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SurfaceKind {
    /// A full name or alias.
    Full,
    /// An acronym: must be written without lower-case letters.
    Acronym,
    /// A person's surname or single-word alias: needs document support.
    Partial,
}

/// A folded surface and the entities that claim it.
#[derive(Debug, Clone)]
pub struct Surface {
    /// Folded form.
    pub folded: String,
    /// Entity indices (more than one only for declared ambiguities and partials).
    pub entities: Vec<usize>,
    /// Kind.
    pub kind: SurfaceKind,
    /// Some entity declares this surface starting with a lower-case letter.
    pub lower_initial: bool,
    /// Made by rule only (an acronym spelled by initials), declared by no entry.
    pub generated: bool,
    /// Only common and generic words (`Supreme Court`): names an entry only where the
    /// document shows it is that one (its context words occur).
    pub generic: bool,
}

/// One surface of one entity, folded once at load time.
#[derive(Debug, Clone)]
pub struct SurfaceRow {
    /// As written (or generated).
    pub text: String,
    /// Folded form (the matcher's pattern).
    pub folded: String,
    /// Entity index.
    pub entity: usize,
    /// Kind.
    pub kind: SurfaceKind,
    /// Written in the gazetteer file (not generated).
    pub declared: bool,
}

/// A loaded gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    /// Entries, in file order.
    pub entities: Vec<Entity>,
    /// Index by id.
    pub by_id: HashMap<String, usize>,
    /// Every surface of every entity.
    pub rows: Vec<SurfaceRow>,
}

/// Folds a surface the way the text is folded, with white space collapsed.
pub fn fold_surface(s: &str) -> String {
    let s = s.trim();
    if s.is_ascii() {
        // What folding does to ASCII: lower case, a backtick as an apostrophe.
        let mut out = String::with_capacity(s.len());
        for w in s.split_ascii_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.extend(w.bytes().map(|b| match b {
                b'`' => '\'',
                b => b.to_ascii_lowercase() as char,
            }));
        }
        return out;
    }
    let f = Folded::new(s);
    let mut out = String::with_capacity(f.text.len());
    for w in f.text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Whether a word looks like a Russian or Kazakh patronymic (`Nikolayevna`, `-ovich`,
/// `-uly`, `-kyzy`).
fn is_patronymic(w: &str) -> bool {
    let l = w.to_lowercase();
    [
        "vna", "vich", "ichna", "ovna", "evna", "ovich", "evich", "uly", "kyzy", "ulı", "qyzy",
        "вна", "вич", "ична", "улы", "кызы", "ұлы", "қызы",
    ]
    .iter()
    .any(|s| l.ends_with(s))
}

fn split_list(v: &str) -> Vec<String> {
    v.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The gazetteer "directory" that names the built-in set: the repository's
/// `gazetteers/*.gaz`, compiled into the executable, so a run works from any directory.
/// A run without `--gazetteers` uses it; `--gazetteers DIR` replaces it with DIR's files
/// and `--names` adds to either.
pub const BUILTIN: &str = "<built-in>";

/// The built-in gazetteer files: `(file name, content)`, sorted by name (`build.rs` lists
/// the repository's `gazetteers/*.gaz`).
pub const BUILTIN_FILES: &[(&str, &str)] =
    include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));

/// Whether `dir` names the built-in set ([`BUILTIN`]).
pub fn is_builtin(dir: &Path) -> bool {
    dir == Path::new(BUILTIN)
}

/// The built-in gazetteer files as sources, named `gazetteers/NAME.gaz` as in the
/// repository (errors and `check` name them so).
pub fn builtin_sources() -> Vec<(PathBuf, String)> {
    BUILTIN_FILES
        .iter()
        .map(|(n, c)| (Path::new("gazetteers").join(n), (*c).to_string()))
        .collect()
}

impl Gazetteer {
    /// Loads every `*.gaz` file of a directory (sorted by name), or the built-in set when
    /// `dir` is [`BUILTIN`].
    pub fn load_dir(dir: &Path) -> Result<Self> {
        Self::load_dir_limited(dir, crate::limits::Limits::default().max_gazetteer_bytes)
    }

    /// [`Gazetteer::load_dir`] refusing gazetteers whose files total more than `max_bytes`.
    pub fn load_dir_limited(dir: &Path, max_bytes: usize) -> Result<Self> {
        Ok(Self::load(dir, &[], max_bytes)?.0)
    }

    /// Loads the gazetteer directory and the name lists (`--names`): the gazetteer's errors
    /// fail the load; a name list's malformed lines are returned (file:line) and skipped.
    pub fn load(dir: &Path, names: &[PathBuf], max_bytes: usize) -> Result<(Self, Vec<Error>)> {
        let mut listed = Vec::new();
        let mut warnings = Vec::new();
        let mut total = 0u64;
        for p in names {
            let meta = std::fs::metadata(p).map_err(|e| {
                Error::Invalid(format!(
                    "{}: cannot read the name list given with --names ({e})",
                    p.display()
                ))
            })?;
            total += meta.len();
            if total > max_bytes as u64 {
                return Err(Error::Invalid(format!(
                    "{}: name lists total more than {max_bytes} bytes (--max-gazetteer-bytes)",
                    p.display()
                )));
            }
            let content = std::fs::read_to_string(p).map_err(|e| Error::io(p, e))?;
            let (e, errs) = names::parse(p, &content);
            listed.extend(e);
            warnings.extend(errs);
        }
        if is_builtin(dir) {
            let sources = builtin_sources();
            total += sources.iter().map(|(_, c)| c.len() as u64).sum::<u64>();
            if total > max_bytes as u64 {
                return Err(Error::Invalid(format!(
                    "the built-in gazetteers and name lists total more than {max_bytes} bytes (--max-gazetteer-bytes)"
                )));
            }
            let (g, more) = Self::with_names(&sources, listed)?;
            warnings.extend(more);
            return Ok((g, warnings));
        }
        let rd = std::fs::read_dir(dir).map_err(|e| {
            Error::Invalid(format!(
                "{}: cannot read the gazetteer directory given with --gazetteers ({e}); \
                 leave --gazetteers out to use the built-in gazetteers",
                dir.display()
            ))
        })?;
        let mut files: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "gaz"))
            .collect();
        files.sort();
        if files.is_empty() && names.is_empty() {
            return Err(Error::Invalid(format!(
                "{}: no gazetteer files (*.gaz) found",
                dir.display()
            )));
        }
        let mut sources = Vec::new();
        for f in files {
            total += std::fs::metadata(&f).map_err(|e| Error::io(&f, e))?.len();
            if total > max_bytes as u64 {
                return Err(Error::Invalid(format!(
                    "{}: gazetteers total more than {max_bytes} bytes (--max-gazetteer-bytes)",
                    f.display()
                )));
            }
            let content = std::fs::read_to_string(&f).map_err(|e| Error::io(&f, e))?;
            sources.push((f, content));
        }
        let (g, more) = Self::with_names(&sources, listed)?;
        warnings.extend(more);
        Ok((g, warnings))
    }

    /// Parses and validates gazetteer sources `(path, content)`; all errors are reported
    /// together, each with its file and line.
    pub fn from_sources(sources: &[(PathBuf, String)]) -> Result<Self> {
        Ok(Self::with_names(sources, Vec::new())?.0)
    }

    /// [`Gazetteer::from_sources`] plus the entries of name lists, merged into gazetteer
    /// entries of the same id or of the same type and name; a listed id taken by an entry
    /// of another type is returned as an error and the listed entry skipped.
    pub fn with_names(
        sources: &[(PathBuf, String)],
        listed: Vec<Entity>,
    ) -> Result<(Self, Vec<Error>)> {
        let mut errors = Vec::new();
        let mut entities = Vec::new();
        for (path, content) in sources {
            parse_file(path, content, &mut entities, &mut errors);
        }
        let first_listed = entities.len();
        let warnings = merge_listed(&mut entities, listed);
        let mut by_id = HashMap::new();
        for (i, e) in entities.iter().enumerate() {
            if let Some(&j) = by_id.get(&e.id) {
                let first: &Entity = &entities[j];
                errors.push(Error::rule(
                    &e.file,
                    e.line,
                    format!(
                        "duplicate id `{}` (first defined at {}:{})",
                        e.id,
                        first.file.display(),
                        first.line
                    ),
                ));
            } else {
                by_id.insert(e.id.clone(), i);
            }
        }
        let mut g = Gazetteer {
            entities,
            by_id,
            rows: Vec::new(),
        };
        for e in &mut g.entities {
            let mut made: Vec<(String, &'static str)> = Vec::new();
            for form in e.ru.iter().chain(&e.kk) {
                for (v, p) in translit::variants(form) {
                    let declared = v == e.name || e.aliases.contains(&v);
                    if !declared && !made.iter().any(|(x, _)| *x == v) {
                        made.push((v, p.name()));
                    }
                }
            }
            if e.etype == EntityType::Person {
                for form in &e.ru {
                    for v in translit::declensions(form) {
                        if !made.iter().any(|(x, _)| *x == v) {
                            made.push((v, "russian-cases"));
                        }
                    }
                }
            }
            e.generated = made;
        }
        g.rows = g.build_rows();
        // One declared full surface claimed by two entities needs a declared ambiguity.
        let mut declared: Vec<&SurfaceRow> = g
            .rows
            .iter()
            .filter(|r| r.declared && r.kind == SurfaceKind::Full)
            .collect();
        declared.sort_by(|a, b| a.folded.cmp(&b.folded).then(a.entity.cmp(&b.entity)));
        let ambiguous: Vec<Vec<String>> = g
            .entities
            .iter()
            .map(|e| e.ambiguous.iter().map(|a| fold_surface(a)).collect())
            .collect();
        for group in declared.chunk_by(|a, b| a.folded == b.folded) {
            let mut who: Vec<usize> = group.iter().map(|r| r.entity).collect();
            who.dedup();
            if who.len() < 2 {
                continue;
            }
            let surface = &group[0].folded;
            if who.iter().all(|&i| ambiguous[i].contains(surface)) {
                continue;
            }
            // A name list's entry that shares a surface with another entry: ambiguous, to be
            // told apart by context (a list cannot declare it).
            if who.iter().any(|&i| i >= first_listed) {
                continue;
            }
            let e = &g.entities[who[1]];
            let other = &g.entities[who[0]];
            errors.push(Error::rule(
                &e.file,
                e.line,
                format!(
                    "surface `{surface}` of `{}` is also claimed by `{}` ({}:{}); declare `ambiguous: {surface}` in both entries or remove one",
                    e.id,
                    other.id,
                    other.file.display(),
                    other.line
                ),
            ));
        }
        if !errors.is_empty() {
            return Err(Error::Many(errors));
        }
        Ok((g, warnings))
    }

    /// Every full (non-acronym) surface of entity `i`: name, Cyrillic forms, aliases of more
    /// than one word (persons) or any alias (others).
    pub fn full_surfaces(&self, i: usize) -> Vec<String> {
        let e = &self.entities[i];
        let mut v = self.declared_surfaces(i);
        for (g, _) in &e.generated {
            if e.etype != EntityType::Person || g.split_whitespace().count() > 1 {
                v.push(g.clone());
            }
        }
        v
    }

    /// The full surfaces written in the gazetteer file (name, Cyrillic forms, aliases), which
    /// the loader checks for clashes; generated romanisations are not among them.
    pub fn declared_surfaces(&self, i: usize) -> Vec<String> {
        let e = &self.entities[i];
        let mut v = vec![e.name.clone()];
        v.extend(e.ru.iter().cloned());
        v.extend(e.kk.iter().cloned());
        for a in &e.aliases {
            if e.etype != EntityType::Person || a.split_whitespace().count() > 1 {
                v.push(a.clone());
            }
        }
        v
    }

    /// Partial surfaces of a person: single-word aliases and the last word of every full
    /// surface.
    pub fn partial_surfaces(&self, i: usize) -> Vec<String> {
        let e = &self.entities[i];
        if e.etype != EntityType::Person {
            return Vec::new();
        }
        let mut v: Vec<String> = e
            .aliases
            .iter()
            .chain(e.generated.iter().map(|(g, _)| g))
            .filter(|a| a.split_whitespace().count() == 1)
            .cloned()
            .collect();
        for s in self.full_surfaces(i) {
            let words: Vec<&str> = s.split_whitespace().collect();
            // First name and patronymic (Larisa Nikolayevna), without the surname.
            if words.len() == 3 && is_patronymic(words[1]) {
                v.push(format!("{} {}", words[0], words[1]));
            }
            if words.len() > 1
                && let Some(last) = words.last()
                && last.chars().count() >= 3
                && !last.ends_with('.')
            {
                v.push((*last).to_string());
            }
            // The first word too: East Asian names put the surname first (`Yang` of `Yang
            // Kyung-soo`), and articles name people by their given name (`Sithar`).
            if words.len() > 1
                && let Some(first) = words.first()
                && first.chars().count() >= 3
                && !first.ends_with('.')
                && first.chars().next().is_some_and(char::is_uppercase)
                && !lexicon::Lexicon::shared().is(first, lexicon::Class::Honorific)
                && !lexicon::Lexicon::shared().is_common(first)
            {
                v.push((*first).to_string());
            }
        }
        v.sort();
        v.dedup();
        v
    }

    /// Acronyms spelled by an organisation's initials, three letters or more (`Korean
    /// Confederation of Trade Unions` → `KCTU`; `Labour Rights Supported Union of Khmer
    /// Employees` → `LRSUKE` and `LRSU`, the part before `of`), unless another entry
    /// declares them.
    pub fn initial_acronyms(
        &self,
        i: usize,
        declared: &std::collections::HashSet<String>,
    ) -> Vec<String> {
        let e = &self.entities[i];
        if e.etype != EntityType::Org {
            return Vec::new();
        }
        let initials = |s: &str| -> String {
            s.split([' ', '-'])
                .filter_map(|w| w.chars().next())
                .filter(|c| c.is_uppercase())
                .collect()
        };
        let mut out = Vec::new();
        for name in std::iter::once(&e.name).chain(e.aliases.iter()) {
            if name.split_whitespace().count() < 3 {
                continue;
            }
            let mut forms = vec![initials(name)];
            if let Some((head, _)) = name.split_once(" of ") {
                forms.push(initials(head));
            }
            for f in forms {
                if f.chars().count() >= 3
                    && !declared.contains(&f)
                    && !e.acronyms.contains(&f)
                    && !out.contains(&f)
                {
                    out.push(f);
                }
            }
        }
        out
    }

    fn build_rows(&self) -> Vec<SurfaceRow> {
        let mut rows = Vec::new();
        let declared_acronyms: std::collections::HashSet<String> = self
            .entities
            .iter()
            .flat_map(|e| e.acronyms.iter().cloned())
            .collect();
        for (i, e) in self.entities.iter().enumerate() {
            let mut push = |text: &str, kind: SurfaceKind, declared: bool| {
                let folded = fold_surface(text);
                if !folded.is_empty() {
                    rows.push(SurfaceRow {
                        text: text.to_string(),
                        folded,
                        entity: i,
                        kind,
                        declared,
                    });
                }
            };
            let declared = self.declared_surfaces(i);
            for t in &declared {
                push(t, SurfaceKind::Full, true);
            }
            for t in self.full_surfaces(i).iter().skip(declared.len()) {
                push(t, SurfaceKind::Full, false);
            }
            for a in &e.acronyms {
                push(a, SurfaceKind::Acronym, true);
            }
            for a in self.initial_acronyms(i, &declared_acronyms) {
                push(&a, SurfaceKind::Acronym, false);
            }
            for p in self.partial_surfaces(i) {
                push(&p, SurfaceKind::Partial, false);
            }
        }
        rows
    }

    /// All surfaces with their kinds, grouped by folded form: the matcher's patterns. A
    /// partial surface that is some entity's full name or acronym is never partial.
    pub fn surfaces(&self) -> Vec<Surface> {
        let mut idx: Vec<usize> = (0..self.rows.len()).collect();
        let rank = |k: SurfaceKind| match k {
            SurfaceKind::Full => 0u8,
            SurfaceKind::Acronym => 1,
            SurfaceKind::Partial => 2,
        };
        idx.sort_by(|&a, &b| {
            let (x, y) = (&self.rows[a], &self.rows[b]);
            x.folded
                .cmp(&y.folded)
                .then(rank(x.kind).cmp(&rank(y.kind)))
                .then(x.entity.cmp(&y.entity))
        });
        let lower = |s: &str| s.chars().next().is_some_and(char::is_lowercase);
        let mut out: Vec<Surface> = Vec::new();
        for group in idx.chunk_by(|&a, &b| self.rows[a].folded == self.rows[b].folded) {
            // The group's best kind wins: full, then acronym, then partial.
            let best = self.rows[group[0]].kind;
            let mut entities: Vec<usize> = Vec::new();
            let mut lower_initial = false;
            let mut generated = true;
            for &r in group {
                let row = &self.rows[r];
                if row.kind != best {
                    continue;
                }
                if !entities.contains(&row.entity) {
                    entities.push(row.entity);
                }
                lower_initial |= lower(&row.text);
                generated &= !row.declared;
            }
            let lx = lexicon::Lexicon::shared();
            let text = &self.rows[group[0]].text;
            let generic = best == SurfaceKind::Full && lexicon::is_generic_name(lx, text);
            out.push(Surface {
                folded: self.rows[group[0]].folded.clone(),
                entities,
                kind: best,
                lower_initial,
                generated,
                generic,
            });
        }
        out
    }

    /// Looks an entity up by id.
    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.entities[i])
    }
}

/// Merges name-list entries into `entities` (see [`Gazetteer::with_names`]).
fn merge_listed(entities: &mut Vec<Entity>, listed: Vec<Entity>) -> Vec<Error> {
    let mut errors = Vec::new();
    let mut by_name: HashMap<(EntityType, String), usize> = HashMap::new();
    let mut by_id: HashMap<String, usize> = HashMap::new();
    for (i, e) in entities.iter().enumerate() {
        by_id.entry(e.id.clone()).or_insert(i);
        for n in std::iter::once(&e.name).chain(&e.aliases) {
            by_name.entry((e.etype, fold_surface(n))).or_insert(i);
        }
    }
    for n in listed {
        let target = match by_id.get(&n.id) {
            Some(&k) if entities[k].etype == n.etype => Some(k),
            Some(&k) => {
                errors.push(Error::rule(
                    &n.file,
                    n.line,
                    format!(
                        "id `{}` is a {} of {}:{}, not a {} (line skipped)",
                        n.id,
                        entities[k].etype.as_str(),
                        entities[k].file.display(),
                        entities[k].line,
                        n.etype.as_str()
                    ),
                ));
                continue;
            }
            None => by_name.get(&(n.etype, fold_surface(&n.name))).copied(),
        };
        match target {
            Some(k) => {
                let e = &mut entities[k];
                let add = |v: &mut Vec<String>, xs: Vec<String>| {
                    for x in xs {
                        if !v.contains(&x) {
                            v.push(x);
                        }
                    }
                };
                if e.name != n.name {
                    add(&mut e.aliases, vec![n.name]);
                }
                add(&mut e.aliases, n.aliases);
                add(&mut e.acronyms, n.acronyms);
                add(&mut e.ru, n.ru);
                add(&mut e.kk, n.kk);
                add(&mut e.context, n.context);
            }
            None => {
                let k = entities.len();
                by_id.insert(n.id.clone(), k);
                for x in std::iter::once(&n.name).chain(&n.aliases) {
                    by_name.entry((n.etype, fold_surface(x))).or_insert(k);
                }
                entities.push(n);
            }
        }
    }
    errors
}

fn parse_file(path: &Path, content: &str, out: &mut Vec<Entity>, errors: &mut Vec<Error>) {
    let mut cur: Option<Entity> = None;
    let mut named = false;
    let finish =
        |e: Option<Entity>, named: bool, out: &mut Vec<Entity>, errors: &mut Vec<Error>| {
            if let Some(e) = e {
                if !named {
                    errors.push(Error::rule(
                        &e.file,
                        e.line,
                        format!("entry `{}` has no `name:`", e.id),
                    ));
                }
                out.push(e);
            }
        };
    for (i, raw) in content.lines().enumerate() {
        let ln = i + 1;
        let line = raw.trim();
        if line.starts_with('#') {
            continue;
        }
        if line.is_empty() {
            finish(cur.take(), named, out, errors);
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            errors.push(Error::rule(
                path,
                ln,
                format!("expected `key: value`, found `{line}`"),
            ));
            continue;
        };
        let key = key.trim();
        let value = value.trim();
        if key == "id" {
            finish(cur.take(), named, out, errors);
            named = false;
            if value.is_empty() || value.contains(char::is_whitespace) {
                errors.push(Error::rule(
                    path,
                    ln,
                    "id must be non-empty and without spaces",
                ));
            }
            cur = Some(Entity {
                id: value.to_string(),
                etype: EntityType::Org,
                name: String::new(),
                ru: vec![],
                kk: vec![],
                aliases: vec![],
                acronyms: vec![],
                context: vec![],
                ambiguous: vec![],
                generated: vec![],
                file: path.to_path_buf(),
                line: ln,
            });
            // Type must follow; mark unknown until seen.
            continue;
        }
        let Some(e) = cur.as_mut() else {
            errors.push(Error::rule(
                path,
                ln,
                format!("`{key}` outside an entry (an entry starts with `id:`)"),
            ));
            continue;
        };
        match key {
            "type" => match EntityType::parse(value) {
                Some(t) => e.etype = t,
                None => errors.push(Error::rule(
                    path,
                    ln,
                    format!("unknown type `{value}` (expected person, org or place)"),
                )),
            },
            "name" => {
                named = true;
                if value.is_empty() {
                    errors.push(Error::rule(path, ln, "empty name"));
                }
                e.name = value.to_string();
            }
            "ru" => e.ru.extend(split_list(value)),
            "kk" => e.kk.extend(split_list(value)),
            "alias" => e.aliases.extend(split_list(value)),
            "acronym" => e.acronyms.extend(split_list(value)),
            "context" => e.context.extend(split_list(value)),
            "ambiguous" => e.ambiguous.extend(split_list(value)),
            other => errors.push(Error::rule(path, ln, format!("unknown key `{other}`"))),
        }
        if matches!(key, "alias" | "acronym" | "ru" | "kk") && split_list(value).is_empty() {
            errors.push(Error::rule(path, ln, format!("empty `{key}`")));
        }
    }
    finish(cur.take(), named, out, errors);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(s: &str) -> Result<Gazetteer> {
        Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), s.to_string())])
    }

    #[test]
    fn parses_entries_and_derives_partials() {
        let g = load("# c\nid: person/a\ntype: person\nname: Amin Yeleusinov\nru: Амин Елеусинов\nalias: Amin Eleusinov | Eleusinov\n\nid: org/k\ntype: org\nname: Confederation of Independent Trade Unions of Kazakhstan\nacronym: KNPRK | CNTUK\n").unwrap();
        assert_eq!(g.entities.len(), 2);
        let partials = g.partial_surfaces(0);
        for p in [
            "Eleusinov",
            "Yeleusinov",
            "Елеусинов",
            "Eleoussinov",
            "Yeleussinov",
            "Jeleussinow",
        ] {
            assert!(partials.contains(&p.to_string()), "{p} not in {partials:?}");
        }
        assert!(
            g.entities[0]
                .generated
                .iter()
                .any(|(v, p)| v == "Amin Eleoussinov" && *p == "french")
        );
        let s = g.surfaces();
        assert!(
            s.iter()
                .any(|s| s.folded == "knprk" && s.kind == SurfaceKind::Acronym)
        );
        assert!(
            s.iter()
                .any(|s| s.folded == "амин елеусинов" && s.kind == SurfaceKind::Full)
        );
    }

    #[test]
    fn reports_every_error_with_file_and_line() {
        let err = load(
            "id: a\ntype: person\nname: X Y\n\nid: a\ntype: robot\nname: \nfoo: bar\nnot a pair\n",
        )
        .unwrap_err()
        .to_string();
        assert!(err.contains("t.gaz:6: unknown type `robot`"), "{err}");
        assert!(err.contains("t.gaz:7: empty name"), "{err}");
        assert!(err.contains("t.gaz:8: unknown key `foo`"), "{err}");
        assert!(err.contains("t.gaz:9: expected `key: value`"), "{err}");
        assert!(
            err.contains("t.gaz:5: duplicate id `a` (first defined at t.gaz:1)"),
            "{err}"
        );
    }

    #[test]
    fn shared_surface_needs_declared_ambiguity() {
        let two = "id: a\ntype: place\nname: Georgia\n\nid: b\ntype: place\nname: Georgia\n";
        let err = load(two).unwrap_err().to_string();
        assert!(err.contains("t.gaz:5: surface `georgia`"), "{err}");
        let ok = "id: a\ntype: place\nname: Georgia\nambiguous: Georgia\n\nid: b\ntype: place\nname: Georgia\nambiguous: Georgia\n";
        assert!(load(ok).is_ok());
    }
}
