//! Organisations: a name whose head noun is an organisation's (`... Workers Federation`,
//! `Ministry of ...`, `Observatory for the Protection of ...`) or that an organisation word
//! follows (`Gacha police station`, `the Jasic factory`), an acronym, or a name holding a
//! common word of five letters or more (`Prince Jacquard Sweater Limited`; short ones are
//! often syllables of East Asian names: `Chow Hang Tung`) or a number (`Democracy 1918`).

use super::places::after_words;
use super::{Cand, Ctx, Typed};
use crate::doc::{EntityType, Span};
use crate::gazetteer::lexicon::{Class, strip_possessive};
use crate::gazetteer::variants::head_word;

/// An organisation by its head noun or the word after it.
pub(super) fn by_head(ctx: &Ctx, c: &Cand) -> Option<Typed> {
    let span = ctx.span(c);
    if let Some(end) = after_words(ctx, c, Class::OrgAfter) {
        return Some(Typed {
            etype: EntityType::Org,
            span: Span::new(span.start, end),
            by_head: true,
            id: None,
        });
    }
    if outlet_after(ctx, c) {
        return Some(Typed {
            etype: EntityType::Org,
            span,
            by_head: true,
            id: None,
        });
    }
    if c.end - c.start < 2 {
        return None;
    }
    let words: Vec<&str> = ctx.words_of(c).into_iter().map(strip_possessive).collect();
    let head = head_word(&words, ctx.lx)?;
    let last = *words
        .iter()
        .rev()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(&head);
    let org = |w: &str| ctx.lx.is(w, Class::OrgHead);
    let place_only = |w: &str| ctx.lx.is(w, Class::PlaceHead) && !org(w);
    // A head that is both (`Centre`, `Port`) is the organisation's, unless a place's word
    // comes before it (`Detention Centre`).
    let both_place = |w: &str| {
        ctx.lx.is(w, Class::PlaceHead)
            && org(w)
            && words.len() >= 2
            && matches!(
                words[words.len() - 2],
                "Detention"
                    | "Correctional"
                    | "Penal"
                    | "Reception"
                    | "Isolation"
                    | "Shopping"
                    | "Business"
                    | "Trade"
            )
    };
    if (org(head) && !both_place(head)) || (org(last) && !place_only(head) && !both_place(last)) {
        return Some(Typed {
            etype: EntityType::Org,
            span,
            by_head: true,
            id: None,
        });
    }
    None
}

/// Whether a name of several words reads as an organisation's: it holds a common word or a
/// number (a person's name holds neither).
pub(super) fn shaped(ctx: &Ctx, c: &Cand) -> bool {
    let words: Vec<&str> = ctx.words_of(c).into_iter().map(strip_possessive).collect();
    if super::persons::given_and_surname(ctx, &words) {
        return false;
    }
    words.iter().any(|w| {
        let w = strip_possessive(w);
        (ctx.lx.is_common(w)
            && w.chars().count() >= 5
            && !ctx.lx.is(w, Class::Connector)
            && !is_name_particle(w))
            || ctx.lx.is(w, Class::OrgHead)
            || w.chars().all(|c| c.is_ascii_digit())
            || (w.chars().count() > 1 && w.chars().all(|c| !c.is_lowercase()))
    })
}

fn is_name_particle(w: &str) -> bool {
    w.contains('-') && w.chars().next().is_some_and(char::is_lowercase)
}

/// Whether a news outlet's noun follows the name, at most one lower-case word between
/// (`the Narodnaya Volya independent media`, `the Kommersant daily`, `Hurriyet newspaper`).
fn outlet_after(ctx: &Ctx, c: &Cand) -> bool {
    let outlet = |w: &str| {
        matches!(
            w,
            "media"
                | "newspaper"
                | "daily"
                | "weekly"
                | "outlet"
                | "magazine"
                | "website"
                | "portal"
                | "broadcaster"
                | "channel"
                | "tabloid"
                | "newsletter"
        )
    };
    (c.end..(c.end + 2).min(ctx.words.len()))
        .take_while(|&k| {
            ctx.text[ctx.words[k - 1].span().end..ctx.words[k].span().start] == *" "
                && ctx.w(k).chars().next().is_some_and(char::is_lowercase)
        })
        .enumerate()
        .any(|(n, k)| outlet(ctx.w(k)) && (n == 0 || !outlet(ctx.w(k - 1))))
}
