//! Name lists: the researcher's spreadsheet of a case's people, organisations and places,
//! one spelling each, as a TSV file (`casefile run --names FILE`).
//!
//! # Format
//!
//! One entry a line, fields separated by TABs; `#` starts a comment line; blank lines are
//! ignored. The first two fields are required, the others optional:
//!
//! ```text
//! canonical<TAB>type[<TAB>id[<TAB>aliases[<TAB>acronyms[<TAB>cyrillic[<TAB>context]]]]]
//! ```
//!
//! - `canonical`: the name as the researcher writes it (`Chhim Sithar`);
//! - `type`: `person`, `org` (or `organisation`) or `place`;
//! - `id`: a stable id; empty: `<type>/<slug of the canonical>` (`person/chhim-sithar`);
//! - `aliases`, `acronyms`, `cyrillic` (Russian or other Cyrillic forms), `context` (words
//!   that support this entry where a surface is shared): lists separated by `|`.
//!
//! A first line whose first field is `canonical` (or `name`) is a header naming the columns
//! in any order (`canonical`, `type`, `id`, `aliases`, `acronyms`, `cyrillic` or `ru`,
//! `kk`, `context`). Everything else (other spellings, surnames alone, name order, titles,
//! acronyms spelled by the initials) is found by rule: see [`super::variants`].
//!
//! A malformed line is reported with its file and line and skipped; the other lines load.
//! An entry whose id, or whose canonical name, a gazetteer entry of the same type already
//! has adds its names to that entry.

use super::Entity;
use crate::doc::EntityType;
use crate::error::Error;
use std::path::Path;

/// Columns of a name list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Col {
    Canonical,
    Type,
    Id,
    Aliases,
    Acronyms,
    Cyrillic,
    Kazakh,
    Context,
}

const POSITIONAL: [Col; 7] = [
    Col::Canonical,
    Col::Type,
    Col::Id,
    Col::Aliases,
    Col::Acronyms,
    Col::Cyrillic,
    Col::Context,
];

fn header_col(name: &str) -> Option<Col> {
    Some(match name.trim().to_lowercase().as_str() {
        "canonical" | "name" => Col::Canonical,
        "type" => Col::Type,
        "id" => Col::Id,
        "aliases" | "alias" => Col::Aliases,
        "acronyms" | "acronym" => Col::Acronyms,
        "cyrillic" | "ru" => Col::Cyrillic,
        "kk" => Col::Kazakh,
        "context" => Col::Context,
        _ => return None,
    })
}

/// The default id of a listed name: `<type>/<slug>`.
pub fn default_id(t: EntityType, canonical: &str) -> String {
    let folded = super::fold_surface(canonical);
    let mut slug = String::with_capacity(folded.len());
    for c in folded.chars() {
        match c {
            'ı' => slug.push('i'),
            'ł' => slug.push('l'),
            'ø' => slug.push('o'),
            'đ' => slug.push('d'),
            'ß' => slug.push_str("ss"),
            'æ' => slug.push_str("ae"),
            c if c.is_alphanumeric() => slug.push(c),
            _ if !slug.ends_with('-') => slug.push('-'),
            _ => {}
        }
    }
    format!("{}/{}", t.as_str(), slug.trim_matches('-'))
}

fn list(v: &str) -> Vec<String> {
    v.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// Parses a name list: its entries, and an error (file:line) for every malformed line.
pub fn parse(path: &Path, content: &str) -> (Vec<Entity>, Vec<Error>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let mut cols: Vec<Col> = POSITIONAL.to_vec();
    let mut first = true;
    for (i, raw) in content.lines().enumerate() {
        let ln = i + 1;
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        if first {
            first = false;
            let cols_named: Vec<Option<Col>> = fields.iter().map(|f| header_col(f)).collect();
            if cols_named.contains(&Some(Col::Canonical))
                && (header_col(fields[0]) == Some(Col::Canonical)
                    || cols_named.iter().all(Option::is_some))
            {
                let mut named = Vec::new();
                for (k, f) in fields.iter().enumerate() {
                    match header_col(f) {
                        Some(c) => named.push(c),
                        None => {
                            errors.push(Error::rule(
                                path,
                                ln,
                                format!("unknown column `{}` (column {})", f.trim(), k + 1),
                            ));
                            named.push(Col::Context);
                        }
                    }
                }
                if !named.contains(&Col::Type) {
                    errors.push(Error::rule(path, ln, "the header has no `type` column"));
                }
                cols = named;
                continue;
            }
        }
        if fields.len() > cols.len() {
            errors.push(Error::rule(
                path,
                ln,
                format!(
                    "{} fields, at most {} expected (canonical, type, id, aliases, acronyms, cyrillic, context)",
                    fields.len(),
                    cols.len()
                ),
            ));
            continue;
        }
        let get = |c: Col| {
            cols.iter()
                .position(|&x| x == c)
                .and_then(|k| fields.get(k))
                .map(|s| s.trim())
                .unwrap_or("")
        };
        let canonical = get(Col::Canonical);
        if canonical.is_empty() {
            errors.push(Error::rule(path, ln, "empty name"));
            continue;
        }
        let tname = get(Col::Type);
        let Some(etype) = EntityType::parse(&tname.to_lowercase()) else {
            let why = if tname.is_empty() {
                format!("`{canonical}` has no type (expected person, org or place after a TAB)")
            } else {
                format!("unknown type `{tname}` (expected person, org or place)")
            };
            errors.push(Error::rule(path, ln, why));
            continue;
        };
        let id = match get(Col::Id) {
            "" => default_id(etype, canonical),
            x if x.contains(char::is_whitespace) => {
                errors.push(Error::rule(path, ln, format!("id `{x}` has spaces")));
                continue;
            }
            x => x.to_string(),
        };
        out.push(Entity {
            id,
            etype,
            name: canonical.to_string(),
            ru: list(get(Col::Cyrillic)),
            kk: list(get(Col::Kazakh)),
            aliases: list(get(Col::Aliases)),
            acronyms: list(get(Col::Acronyms)),
            context: list(get(Col::Context)),
            ambiguous: vec![],
            generated: vec![],
            file: path.to_path_buf(),
            line: ln,
        });
    }
    (out, errors)
}

/// Writes entries in the gazetteer's block format (`casefile gazetteer import`).
pub fn to_gaz(entries: &[Entity], source: &Path) -> String {
    let mut s = format!(
        "# casefile gazetteer: imported from {} (`casefile gazetteer import`).\n# Format: see persons.gaz (blocks of `key: value` lines; lists separated by ' | ').\n",
        source.display()
    );
    for e in entries {
        s.push('\n');
        s.push_str(&format!(
            "id: {}\ntype: {}\nname: {}\n",
            e.id,
            e.etype.as_str(),
            e.name
        ));
        for (k, v) in [
            ("ru", &e.ru),
            ("kk", &e.kk),
            ("alias", &e.aliases),
            ("acronym", &e.acronyms),
            ("context", &e.context),
        ] {
            if !v.is_empty() {
                s.push_str(&format!("{k}: {}\n", v.join(" | ")));
            }
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positional_and_header_forms() {
        let (e, err) = parse(
            Path::new("n.tsv"),
            "# names\nChhim Sithar\tperson\n\nKorean Confederation of Trade Unions\torg\t\t\tKCTU\nMinsk\tplace\tplace/minsk\tMinsk City\t\tМинск\n",
        );
        assert!(err.is_empty(), "{err:?}");
        assert_eq!(e.len(), 3);
        assert_eq!(e[0].id, "person/chhim-sithar");
        assert_eq!(e[1].acronyms, vec!["KCTU"]);
        assert_eq!(
            (e[2].id.as_str(), e[2].ru[0].as_str()),
            ("place/minsk", "Минск")
        );
        assert_eq!(e[2].line, 5);
        let (e, err) = parse(Path::new("h.tsv"), "type\tcanonical\n");
        assert!(e.is_empty() && err.is_empty());
        let (e, err) = parse(
            Path::new("h.tsv"),
            "name\ttype\taliases\nÖztürk Yılmaz\tperson\tOzturk Yilmaz | Yilmaz\n",
        );
        assert!(err.is_empty(), "{err:?}");
        assert_eq!(e[0].id, "person/ozturk-yilmaz");
        assert_eq!(e[0].aliases, vec!["Ozturk Yilmaz", "Yilmaz"]);
    }

    #[test]
    fn malformed_lines_are_reported_and_skipped() {
        let (e, err) = parse(
            Path::new("case/names.tsv"),
            "Ana Lopez\tperson\nBad Line\n\tperson\nX\trobot\nY\torg\tan id\nZ\tplace\ta\tb\tc\td\te\tf\nLast One\torg\n",
        );
        let msgs: Vec<String> = err.iter().map(|x| x.to_string()).collect();
        assert_eq!(
            e.iter().map(|x| x.name.as_str()).collect::<Vec<_>>(),
            ["Ana Lopez", "Last One"]
        );
        assert!(
            msgs[0].starts_with("case/names.tsv:2: `Bad Line` has no type"),
            "{msgs:?}"
        );
        assert!(
            msgs[1].starts_with("case/names.tsv:3: empty name"),
            "{msgs:?}"
        );
        assert!(
            msgs[2].starts_with("case/names.tsv:4: unknown type `robot`"),
            "{msgs:?}"
        );
        assert!(
            msgs[3].starts_with("case/names.tsv:5: id `an id` has spaces"),
            "{msgs:?}"
        );
        assert!(
            msgs[4].starts_with("case/names.tsv:6: 8 fields"),
            "{msgs:?}"
        );
        assert_eq!(msgs.len(), 5);
    }

    #[test]
    fn import_writes_gazetteer_blocks() {
        let (e, _) = parse(
            Path::new("n.tsv"),
            "Ana Lopez\tperson\t\tAnita Lopez\nKCTU union\torg\n",
        );
        let gaz = to_gaz(&e, Path::new("n.tsv"));
        assert!(
            gaz.contains(
                "id: person/ana-lopez\ntype: person\nname: Ana Lopez\nalias: Anita Lopez\n"
            ),
            "{gaz}"
        );
        let back =
            super::super::Gazetteer::from_sources(&[(std::path::PathBuf::from("i.gaz"), gaz)])
                .expect("parses");
        assert_eq!(back.entities.len(), 2);
    }
}
