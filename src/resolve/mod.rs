//! Entity resolution inside a document: turns raw gazetteer hits into linked
//! [`Mention`]s.
//!
//! - Full surfaces link directly; a surface declared ambiguous links to the entity whose
//!   context words occur in the document, or not at all.
//! - Acronyms link only where written without lower-case letters (`US` the country, not
//!   the pronoun `us`).
//! - Partial person surfaces (a surname alone) link to the person named in full earlier in
//!   the document, else to the only person who has that surname; they must be capitalised.
//! - Acronyms defined in the text after a linked name (`Confederation ... of Kazakhstan
//!   (CNTUK)`, `KNPRK [a.k.a. CNTUK]`) become document-level aliases.
//! - A place immediately followed by a currency amount (`US $26,000`) is not a place.

pub mod candidates;
pub mod discover;

use crate::clean::fold::Folded;
use crate::doc::{Doc, EntityType, Mention, Method, Span};
use crate::gazetteer::variants::WordKey;
use crate::gazetteer::{Gazetteer, Matcher, SurfaceKind};
use regex::Regex;
use std::collections::{BTreeMap, HashSet};
use std::sync::LazyLock;

static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*[(\[](?:(?i:a\.k\.a\.?|aka|also known as|formerly|known as)\s+)?(\p{Lu}[\p{Lu}\d&/-]{1,11})[)\]]")
        .expect("defined acronym regex")
});

/// Tags and links the entity mentions of a document.
pub fn link(doc: &mut Doc, g: &Gazetteer, m: &Matcher) {
    let folded = Folded::new(&doc.text);
    let hits = m.find_folded(&doc.text, &folded);
    // Only the folded text is read from here on (its map back to the text is freed).
    let Folded {
        text: folded_doc, ..
    } = folded;
    let folded_doc = folded_doc.as_str();
    let text = doc.text.as_str();
    let mut mentions: Vec<Mention> = Vec::new();
    let mut seen_full: HashSet<usize> = HashSet::new();
    // One shared id per linked entity.
    let mut ids: Vec<Option<std::sync::Arc<str>>> = vec![None; g.entities.len()];
    // Entities the document names in full (an acronym made from initials needs one).
    let named_in_full: HashSet<usize> = hits
        .iter()
        .map(|h| &m.surfaces[h.surface])
        .filter(|s| s.kind == SurfaceKind::Full && s.entities.len() == 1 && !s.generic)
        .map(|s| s.entities[0])
        .collect();
    // (Hits come in text order: whether one starts at a byte is a binary search.)
    let starts_at = |at: usize| hits.binary_search_by_key(&at, |h| h.span.start).is_ok();
    let lx = crate::gazetteer::lexicon::Lexicon::shared();
    for h in &hits {
        let surface = &m.surfaces[h.surface];
        let original = h.span.of(text);
        // A partial followed by a capitalised word no hit takes (`Larisa Kharckova`,
        // `Larisa Ivanova`): the whole run is discovery's, a variant or another person.
        if surface.kind == SurfaceKind::Partial
            && let Some(rest) = text[h.span.end..].strip_prefix(' ')
            && rest.chars().next().is_some_and(char::is_uppercase)
            && !starts_at(h.span.end + 1)
            && (!lx.is_common(
                rest.split(|c: char| !c.is_alphanumeric())
                    .next()
                    .unwrap_or(""),
            ) || names_a_person(original, rest, m))
        {
            continue;
        }
        let pick = match surface.kind {
            SurfaceKind::Full | SurfaceKind::Acronym => {
                if surface.kind == SurfaceKind::Acronym && original.chars().any(char::is_lowercase)
                {
                    continue;
                }
                // A generic name with a qualifier after it is another body (`Supreme Court
                // of Kyrgyzstan` for a listed `Supreme Court`): discovery takes it whole.
                if surface.generic
                    && surface.entities.len() == 1
                    && qualified(text, h.span.end, &g.entities[surface.entities[0]].context)
                {
                    continue;
                }
                let e = if surface.entities.len() == 1 {
                    let e = surface.entities[0];
                    // A generic name is this entry only where its context words occur.
                    let supported = !surface.generic
                        || g.entities[e].context.is_empty()
                        || by_context(g, &surface.entities, folded_doc).is_some();
                    supported.then_some(e)
                } else {
                    by_context(g, &surface.entities, folded_doc)
                };
                let e = e.filter(|e| !surface.generated || named_in_full.contains(e));
                e.map(|e| {
                    (
                        e,
                        Method::Exact,
                        if surface.kind == SurfaceKind::Acronym {
                            0.95
                        } else {
                            1.0
                        },
                    )
                })
            }
            SurfaceKind::Partial => {
                if !original.chars().next().is_some_and(char::is_uppercase) {
                    continue;
                }
                let named: Vec<usize> = surface
                    .entities
                    .iter()
                    .copied()
                    .filter(|e| seen_full.contains(e))
                    .collect();
                match (named.as_slice(), surface.entities.as_slice()) {
                    ([one], _) => Some((*one, Method::Partial, 0.9)),
                    ([], [only]) => Some((*only, Method::Partial, 0.75)),
                    _ => None,
                }
            }
        };
        let Some((e, method, confidence)) = pick else {
            continue;
        };
        let ent = &g.entities[e];
        if ent.etype == EntityType::Place && followed_by_amount(text, h.span.end) {
            continue;
        }
        // The first part of an adjective (`France-based`, `Kazakhstan-registered`).
        if text[h.span.end..].starts_with('-')
            && text[h.span.end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
        {
            continue;
        }
        let mut span = h.span;
        if surface.kind == SurfaceKind::Partial {
            // A first name before the surname, in any spelling of the person's first names,
            // belongs to the mention ("Nurbek Kouchakbaev").
            // Up to three words: `Juma Ahmed Salem` for a listed `Jumaa Ahmed Salem`.
            for _ in 0..3 {
                let Some(start) = first_name_before(text, span.start, g, e) else {
                    break;
                };
                span.start = start;
                seen_full.insert(e);
            }
        } else {
            seen_full.insert(e);
        }
        mentions.push(Mention {
            span,
            entity_id: ids[e]
                .get_or_insert_with(|| std::sync::Arc::from(ent.id.as_str()))
                .clone(),
            entity_type: ent.etype,
            method,
            confidence,
        });
    }
    drop(hits);
    add_defined_acronyms(text, &mut mentions, g);
    discover::discover(doc, g, m, folded_doc, &mut mentions);
    mentions.sort_by_key(|m| (m.span.start, m.span.end));
    doc.mentions = mentions;
}

/// Whether `word` and the capitalised words after it (up to three, in `rest`) spell a
/// listed person's full name (`Han Sang Gyun`: `Sang` is also an English word).
fn names_a_person(word: &str, rest: &str, m: &Matcher) -> bool {
    let lx = crate::gazetteer::lexicon::Lexicon::shared();
    let mut words = vec![word];
    for w in rest.split(' ').take(3) {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        words.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    let keys: Vec<WordKey> = words.iter().map(|w| WordKey::new(w, lx)).collect();
    words.len() > 1 && !m.skeletons.persons.find(&keys).is_empty()
}

/// If the word just before `at` (separated by one space) is one of the first names of
/// person `e` (compared by skeleton key), where that word starts.
fn first_name_before(text: &str, at: usize, g: &Gazetteer, e: usize) -> Option<usize> {
    let before = text[..at].strip_suffix(' ')?;
    let start = before
        .char_indices()
        .rev()
        .take_while(|&(_, c)| c.is_alphabetic() || c == '-')
        .last()
        .map(|(i, _)| i)?;
    let word = &before[start..];
    if !word.chars().next().is_some_and(char::is_uppercase) {
        return None;
    }
    // Any other word of the person's names, in any spelling (`Nikolai` for `Mikalai`) and
    // either order (`Sithar Chhim` for `Chhim Sithar`).
    let lx = crate::gazetteer::lexicon::Lexicon::shared();
    let key = WordKey::new(word, lx);
    let surname = WordKey::new(text[at..].split_whitespace().next().unwrap_or(""), lx);
    g.full_surfaces(e)
        .iter()
        .flat_map(|s| s.split_whitespace().map(str::to_string).collect::<Vec<_>>())
        .map(|f| WordKey::new(&f, lx))
        .any(|f| f.matches(&key) && !f.matches(&surname))
        .then_some(start)
}

fn by_context(g: &Gazetteer, cands: &[usize], folded_doc: &str) -> Option<usize> {
    let mut best: Option<(usize, usize)> = None;
    let mut tie = false;
    for &c in cands {
        let score = g.entities[c]
            .context
            .iter()
            .filter(|w| folded_doc.contains(&crate::gazetteer::fold_surface(w)))
            .count();
        match best {
            Some((_, s)) if score == s => tie = true,
            Some((_, s)) if score < s => {}
            _ => {
                best = Some((c, score));
                tie = false;
            }
        }
    }
    match best {
        Some((c, s)) if s > 0 && !tie => Some(c),
        _ => None,
    }
}

/// Whether ` of X`, ` in X` or ` for X` follows, X a capitalised word that is not one of
/// the entry's context words (its country) nor a month.
fn qualified(text: &str, end: usize, context: &[String]) -> bool {
    if context.is_empty() {
        return false;
    }
    let rest = &text[end..];
    ["of ", "in ", "for "].iter().any(|p| {
        let Some(r) = rest.strip_prefix(' ').and_then(|r| r.strip_prefix(p)) else {
            return false;
        };
        let r = r.strip_prefix("the ").unwrap_or(r);
        let word = r.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        word.chars().next().is_some_and(char::is_uppercase)
            && !crate::resolve::candidates::is_calendar_word(word)
            && !context.iter().any(|c| c.eq_ignore_ascii_case(word))
    })
}

fn followed_by_amount(text: &str, end: usize) -> bool {
    let rest = text[end..].trim_start_matches(' ');
    rest.starts_with(['$', '€', '£']) || rest.starts_with(|c: char| c.is_ascii_digit())
}

/// Adopts acronyms defined right after a linked org name as document-level aliases and
/// tags their other occurrences.
fn add_defined_acronyms(text: &str, mentions: &mut Vec<Mention>, g: &Gazetteer) {
    let mut aliases: BTreeMap<String, (std::sync::Arc<str>, EntityType)> = BTreeMap::new();
    for m in mentions.iter() {
        if m.entity_type != EntityType::Org {
            continue;
        }
        // A chain: "Name (KNPRK) [a.k.a. CNTUK]".
        let mut at = m.span.end;
        while let Some(c) = DEFINED.captures(&text[at..]) {
            let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else {
                break;
            };
            let a = acr.as_str().to_string();
            let known = g.entities.iter().any(|e| e.acronyms.contains(&a));
            if !known {
                aliases
                    .entry(a)
                    .or_insert((m.entity_id.clone(), m.entity_type));
            }
            at += whole.end();
        }
    }
    if aliases.is_empty() {
        return;
    }
    let taken: Vec<Span> = mentions.iter().map(|m| m.span).collect();
    for (acr, (id, etype)) in aliases {
        for (pos, _) in text.match_indices(acr.as_str()) {
            let span = Span::new(pos, pos + acr.len());
            let before = text[..pos].chars().next_back();
            let after = text[span.end..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            if taken.iter().any(|t| t.overlaps(span)) {
                continue;
            }
            mentions.push(Mention {
                span,
                entity_id: id.clone(),
                entity_type: etype,
                method: Method::Defined,
                confidence: 0.85,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn setup(gaz: &str) -> (Gazetteer, Matcher) {
        let g = Gazetteer::from_sources(&[(PathBuf::from("t.gaz"), gaz.to_string())]).unwrap();
        let m = Matcher::new(&g).unwrap();
        (g, m)
    }

    fn linked(gaz: &str, text: &str) -> Vec<(String, String, Method)> {
        let (g, m) = setup(gaz);
        let mut d = Doc::new("d", "t", text.to_string());
        link(&mut d, &g, &m);
        d.mentions
            .iter()
            .map(|x| {
                (
                    x.span.of(text).to_string(),
                    x.entity_id.to_string(),
                    x.method,
                )
            })
            .collect()
    }

    const G: &str = "id: person/kharkova\ntype: person\nname: Larisa Kharkova\n\nid: place/kharkov\ntype: place\nname: Kharkov\n\nid: place/us\ntype: place\nname: United States\nacronym: US\n\nid: org/sfewu\ntype: org\nname: Sectoral Fuel and Energy Workers Union\n";

    #[test]
    fn surnames_possessives_and_lookalikes() {
        let got = linked(
            G,
            "Larisa Kharkova was tried. Ms Kharkova’s lawyer flew from Kharkov.",
        );
        assert_eq!(
            got,
            vec![
                (
                    "Larisa Kharkova".into(),
                    "person/kharkova".into(),
                    Method::Exact
                ),
                ("Kharkova".into(), "person/kharkova".into(), Method::Partial),
                ("Kharkov".into(), "place/kharkov".into(), Method::Exact),
            ]
        );
    }

    #[test]
    fn acronym_case_and_currency() {
        let got = linked(G, "us and the US, paid US $26,000");
        assert_eq!(got, vec![("US".into(), "place/us".into(), Method::Exact)]);
    }

    #[test]
    fn acronyms_defined_in_text() {
        let got = linked(
            G,
            "The Sectoral Fuel and Energy Workers Union (SFWEU) tried. SFWEU failed.",
        );
        assert_eq!(got.len(), 3);
        assert_eq!(
            got[1],
            ("SFWEU".into(), "org/sfewu".into(), Method::Defined)
        );
        assert_eq!(got[2].0, "SFWEU");
    }
}
