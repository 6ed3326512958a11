//! Known names in spellings the gazetteer lacks, and other mentions of the document's
//! names: see [`crate::gazetteer::variants`] for how words are compared.

use super::{Cand, Ctx, Kind, State};
use crate::doc::{Method, Span};
use crate::gazetteer::lexicon::{Class, strip_possessive};
use crate::gazetteer::variants::{WordKey, name_words};
use crate::gazetteer::{Gazetteer, SurfaceKind, skeleton};
use std::collections::HashSet;

/// Picks one entity among candidates: the one the document already names, else the only
/// one, else the one whose context words occur.
pub(super) fn choose(
    cands: &[usize],
    named: &HashSet<usize>,
    g: &Gazetteer,
    folded_doc: &str,
) -> Option<usize> {
    let seen: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|c| named.contains(c))
        .collect();
    if seen.len() == 1 {
        return Some(seen[0]);
    }
    if !seen.is_empty() {
        return None;
    }
    if cands.len() == 1 {
        return Some(cands[0]);
    }
    let ctx: Vec<usize> = cands
        .iter()
        .copied()
        .filter(|&c| c < g.entities.len())
        .filter(|&c| {
            g.entities[c]
                .context
                .iter()
                .any(|w| folded_doc.contains(&crate::gazetteer::fold_surface(w)))
        })
        .collect();
    (ctx.len() == 1).then(|| ctx[0])
}

fn push_entity(ctx: &Ctx, st: &mut State, span: Span, e: usize, method: Method, conf: f32) {
    let ent = &ctx.g.entities[e];
    let (id, t) = (ent.id.clone(), ent.etype);
    st.push(span, &id, t, method, conf);
    st.named.insert(e);
    st.remember(ctx, span, &id, t);
}

/// The gazetteer entities whose skeleton key `surface` has, with whether all of them are
/// partial surfaces.
fn by_skeleton(ctx: &Ctx, surface: &str) -> (Vec<usize>, bool) {
    let mut cands: Vec<(usize, SurfaceKind)> = Vec::new();
    for k in skeleton::keys(strip_possessive(surface)) {
        if k.chars().count() < 4 {
            continue;
        }
        if let Some(v) = ctx.m.skeletons.by_key.get(&k) {
            for &c in v {
                if !cands.iter().any(|x| x.0 == c.0) {
                    cands.push(c);
                }
            }
        }
    }
    let partial_only = cands.iter().all(|c| c.1 == SurfaceKind::Partial);
    (cands.into_iter().map(|c| c.0).collect(), partial_only)
}

/// Links a run of two words or more to a listed name: a person word by word, an
/// organisation or place by its content words, any name by its skeleton key.
pub(super) fn link_run(ctx: &Ctx, st: &mut State, c: &Cand) -> bool {
    let span = ctx.span(c);
    let surface = span.of(ctx.text);
    let words = name_words(surface, ctx.lx);
    if words.len() >= 2 {
        let keys: Vec<WordKey> = words.iter().map(|w| WordKey::new(w, ctx.lx)).collect();
        let found = ctx.m.skeletons.persons.find(&keys);
        if let Some(e) = choose(&found, &st.named, ctx.g, ctx.folded_doc) {
            push_entity(ctx, st, span, e, Method::Skeleton, 0.8);
            return true;
        }
    }
    let all: Vec<&str> = ctx.words_of(c);
    // A generic name (`Supreme Court`) is a listed one only where the document names that
    // one or shows its context words.
    let generic = super::is_generic(ctx, &all);
    let supported = |e: usize, st: &State| {
        !generic
            || st.named.contains(&e)
            || choose(&[e, usize::MAX], &HashSet::new(), ctx.g, ctx.folded_doc) == Some(e)
    };
    let found = ctx.m.skeletons.orgs.find(&all, ctx.lx);
    if let Some(e) = choose(&found, &st.named, ctx.g, ctx.folded_doc)
        && supported(e, st)
    {
        push_entity(ctx, st, span, e, Method::Skeleton, 0.75);
        return true;
    }
    let (found, partial_only) = by_skeleton(ctx, surface);
    if !found.is_empty()
        && !partial_only
        && let Some(e) = choose(&found, &st.named, ctx.g, ctx.folded_doc)
        && supported(e, st)
    {
        push_entity(ctx, st, span, e, Method::Skeleton, 0.8);
        return true;
    }
    false
}

/// Links one word to a listed name: by its skeleton key (a partial surface only where the
/// document names the person, or no one else has it), one letter off a listed surname, a
/// specific word of one listed organisation.
pub(super) fn link_word(ctx: &Ctx, st: &mut State, c: &Cand) -> bool {
    let span = ctx.span(c);
    let w = strip_possessive(span.of(ctx.text));
    if w.chars().count() < 3 {
        return false;
    }
    if c.kind == Kind::Acronym {
        // A name written in capitals (`JASIC` of `Jasic Technology`).
        let orgs = ctx.m.skeletons.orgs.by_one_word(w, ctx.lx);
        if let Some(e) = choose(&orgs, &st.named, ctx.g, ctx.folded_doc) {
            push_entity(ctx, st, span, e, Method::Partial, 0.7);
            return true;
        }
        return false;
    }
    let (found, partial_only) = by_skeleton(ctx, w);
    if !found.is_empty()
        && let Some(e) = choose(&found, &st.named, ctx.g, ctx.folded_doc)
        && (!partial_only || st.named.contains(&e) || found.len() == 1)
        && (!partial_only || c.kind == Kind::Name || st.named.contains(&e))
    {
        let conf = if partial_only { 0.7 } else { 0.8 };
        push_entity(ctx, st, span, e, Method::Skeleton, conf);
        return true;
    }
    if c.kind == Kind::Name {
        let mut near: Vec<usize> = skeleton::keys(w)
            .iter()
            .flat_map(|k| ctx.m.skeletons.near(k))
            .collect();
        near.sort_unstable();
        near.dedup();
        if let Some(e) = choose(&near, &st.named, ctx.g, ctx.folded_doc) {
            push_entity(ctx, st, span, e, Method::Fuzzy, 0.7);
            return true;
        }
        if !ctx.is_place(w) && !ctx.lx.is_demonym(w, |s| ctx.is_place(s)) {
            let orgs = ctx.m.skeletons.orgs.by_one_word(w, ctx.lx);
            if let Some(e) = choose(&orgs, &st.named, ctx.g, ctx.folded_doc) {
                push_entity(ctx, st, span, e, Method::Partial, 0.7);
                return true;
            }
        }
    }
    false
}

/// Links one word to a name of the document that has it: a word of one person (`Huang`
/// after `Huang Jianxun`, in any spelling), a specific word of one organisation.
pub(super) fn coreferent(ctx: &Ctx, st: &mut State, c: &Cand) -> bool {
    let span = ctx.span(c);
    let w = strip_possessive(span.of(ctx.text));
    if w.chars().count() < 2 || ctx.lx.is(w, Class::Title) {
        return false;
    }
    let key = WordKey::new(w, ctx.lx);
    // Persons' words in any spelling; organisations' only as written, and not for a
    // common word.
    match st.names.having(w, &key, c.kind == Kind::Common) {
        super::named::Ids::One(id, t) => {
            st.push(span, &id, t, Method::Partial, 0.7);
            true
        }
        _ => false,
    }
}
