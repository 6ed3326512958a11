//! Acronyms: defined in brackets right after a name (`Iraqi Civil Society Solidarity
//! Initiative (ICSSI)`, `... [a.k.a. CNTUK]`), or spelling the initials of an organisation
//! the document names (`KCTU` of `Korean Confederation of Trade Unions`, `ACFTU` of
//! `All-China Federation of Trade Unions`); else a new organisation of its own.

use super::{Cand, Ctx, State};
use crate::doc::{EntityType, Method};
use crate::gazetteer::lexicon::Class;
use crate::patterns::builtin;
use regex::Regex;
use std::sync::LazyLock;

static DEFINED: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^\s*[(\[](?:(?i:a\.k\.a\.?|aka|also known as|known as|formerly|hereinafter)\s+)?(\p{Lu}[\p{Lu}\d&/-]{1,11}(?:\s\p{Lu}{1,6}[\p{Ll}]?)?)[)\],]",
    )
});

/// Records the acronyms defined right after the document's names (exact ones and those
/// found so far: `st.out`).
pub(super) fn collect_defined(ctx: &Ctx, st: &mut State) {
    let found: Vec<(usize, std::sync::Arc<str>, EntityType)> = st
        .out
        .iter()
        .filter(|m| m.entity_type != EntityType::Person)
        .map(|m| (m.span.end, m.entity_id.clone(), m.entity_type))
        .collect();
    for (end, id, t) in found {
        let mut at = end;
        while let Some(c) = DEFINED.captures(&ctx.text[at..]) {
            let (Some(whole), Some(acr)) = (c.get(0), c.get(1)) else {
                break;
            };
            st.defined
                .entry(acr.as_str().to_string())
                .or_insert((id.clone(), t));
            at += whole.end();
            if !ctx.text[..at].ends_with([')', ']']) {
                break;
            }
        }
    }
}

/// A short form in brackets right after an organisation's name, sharing a word with it
/// (`Hong Kong Alliance in Support of ... (HK Alliance)`): the same organisation.
pub(super) fn short_form_in_brackets(ctx: &Ctx, st: &mut State, c: &Cand) -> bool {
    let span = ctx.span(c);
    let before = ctx.text[..span.start].trim_end_matches(' ');
    let Some(before) = before.strip_suffix('(') else {
        return false;
    };
    if !ctx.text[span.end..].starts_with(')') || c.end - c.start > 5 {
        return false;
    }
    let end = before.trim_end().len();
    let Some(org) = st
        .out
        .iter()
        .find(|m| m.span.end == end && m.entity_type == EntityType::Org)
    else {
        return false;
    };
    let name = crate::gazetteer::fold_surface(org.span.of(ctx.text));
    let shares = ctx.words_of(c).iter().any(|w| {
        let f = crate::gazetteer::fold_surface(crate::gazetteer::lexicon::strip_possessive(w));
        f.len() > 2 && name.split(' ').any(|x| x == f)
    });
    if !shares {
        return false;
    }
    let (id, t) = (org.entity_id.clone(), org.entity_type);
    st.push(span, &id, t, Method::Defined, 0.85);
    true
}

/// The initials of a name's capitalised words (and of each part of a hyphenated one).
pub(super) fn initials(name: &str) -> String {
    name.split([' ', '-'])
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect()
}

/// Links an acronym: defined in the text, the initials of a name of the document, else a
/// new organisation.
pub(super) fn resolve(ctx: &Ctx, st: &mut State, c: &Cand) {
    let span = ctx.span(c);
    let acr = span.of(ctx.text);
    if let Some((id, t)) = st.defined.get(acr).cloned() {
        st.push(span, &id, t, Method::Defined, 0.85);
        return;
    }
    if acr.chars().count() >= 3
        && let super::named::Ids::One(id, t) = st.names.by_initials(acr)
    {
        st.push(span, &id, t, Method::Defined, 0.8);
        return;
    }
    if abbreviates_common_words(ctx, st, acr) {
        return;
    }
    let id = format!("new/org/{}", super::slug(acr));
    st.push(span, &id, EntityType::Org, Method::Discovered, 0.5);
}

/// Where each of `acronyms` first follows an opening round bracket and an opening square
/// one (`(NSL`, `[NSL`), by one scan of the text for all of them: searching the text once
/// per acronym cost its length times their number.
pub(super) fn bracketed(
    text: &str,
    acronyms: &[&str],
) -> std::collections::HashMap<String, [Option<usize>; 2]> {
    let mut out: std::collections::HashMap<String, [Option<usize>; 2]> = Default::default();
    let mut distinct: Vec<&str> = acronyms.to_vec();
    distinct.sort_unstable();
    distinct.dedup();
    let patterns: Vec<String> = distinct
        .iter()
        .flat_map(|a| [format!("({a}"), format!("[{a}")])
        .collect();
    let Ok(ac) = aho_corasick::AhoCorasick::new(&patterns) else {
        return out;
    };
    for m in ac.find_overlapping_iter(text) {
        let k = m.pattern().as_usize();
        let slot = &mut out.entry(distinct[k / 2].to_string()).or_default()[k % 2];
        if slot.is_none_or(|s| m.start() < s) {
            *slot = Some(m.start());
        }
    }
    out
}

/// How far before a bracketed acronym [`abbreviates_common_words`] looks for the word it
/// abbreviates (bytes).
const LOOK_BACK: usize = 256;

/// Whether the acronym is defined in brackets after common words, a title or a law
/// (`officer-in-charge (OC)`, `National Security Law (NSL)`): it names no entity.
fn abbreviates_common_words(ctx: &Ctx, st: &State, acr: &str) -> bool {
    for at in st.bracketed.get(acr).into_iter().flatten() {
        if let Some(at) = *at {
            let from = ctx.text.floor_char_boundary(at.saturating_sub(LOOK_BACK));
            let before = ctx.text[from..at].trim_end();
            let last = before
                .rsplit(|c: char| c.is_whitespace())
                .next()
                .unwrap_or("");
            let last = crate::gazetteer::lexicon::strip_possessive(last);
            return last.chars().next().is_some_and(char::is_lowercase)
                || ctx.lx.is(last, Class::Law)
                || ctx.lx.is(last, Class::Title);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn initials_of_names() {
        assert_eq!(
            super::initials("All-China Federation of Trade Unions"),
            "ACFTU"
        );
        assert_eq!(
            super::initials("Center for Trade Union and Workers’ Services"),
            "CTUWS"
        );
    }
}
