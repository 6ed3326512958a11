//! Persons: a name introduced by an honorific or a title (`Daw Thet Hnin Aung`, `Deputy
//! Chairman Siarhei Antusevich`), by a role (`lawyer Jane Doe`, `the union's president,
//! Jane Doe`, `35-year-old Mazharul`), or followed by a verb of saying, an age or a
//! relative pronoun (`Jane Doe said`, `Jane Doe, 50,`, `Jane Doe, who`). A name of two or
//! three words without a common word and without an organisation's or place's cue is a
//! person too (the default of [`super::type_of`]).

use super::{Cand, Ctx};
use crate::patterns::builtin;
use regex::Regex;
use std::sync::LazyLock;

/// Roles that stand before a person's name.
static ROLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"(?i)(?:(?-u:\b)(?:lawyers?|attorneys?|activists?|journalists?|reporters?|bloggers?|leaders?|chair(?:man|woman|person)?|presidents?|vice-presidents?|secretar(?:y|ies)|directors?|judges?|prosecutors?|investigators?|founders?|co-founders?|unionists?|organi[sz]ers?|workers?|members?|head|deputy|spokes(?:man|woman|person)|defenders?|ministers?|officers?|officials?|managers?|engineers?|drivers?|teachers?|miners?|nurses?|doctors?|colleagues?|wife|husband|sons?|daughters?|brothers?|sisters?|father|mother|bureaucrats?|personnel|representatives?|plaintiffs?|defendants?|detainees?|prisoners?|dissidents?|accused|alias|named|called|dubbed|mr|mrs|ms|dr|comrade|coordinator|economist|poet|writer|farmers?|lecturers?|professors?|students?|employees?|staff)|\d+-year-old|aged \d+)\s*,?\s*$",
    )
});

/// What follows a person's name.
static AFTER: LazyLock<Regex> = LazyLock::new(|| {
    builtin(
        r"^(?:’s|'s)?(?:,? (?:said|says|told|added|stated|wrote|explained|noted|stressed|argued|insisted|recalled|claimed|asked|urged|confirmed|denied|tweeted|posted)(?-u:\b)|, (?:who|whose)(?-u:\b)|,? \(?(?:\d{1,3}|aged \d{1,3})[,)])",
    )
});

/// Whether the text around `c` marks a person.
pub(super) fn cued(ctx: &Ctx, c: &Cand) -> bool {
    c.lead_person || role_before(ctx, c) || (c.end - c.start > 1 && said(ctx, c))
}

fn role_before(ctx: &Ctx, c: &Cand) -> bool {
    let start = ctx.words[c.start].span().start;
    let mut from = start.saturating_sub(48);
    while !ctx.text.is_char_boundary(from) {
        from += 1;
    }
    let before = &ctx.text[from..start];
    let before = before.rsplit('\n').next().unwrap_or(before);
    ROLE_BEFORE.is_match(before)
}

/// Whether a verb of saying, an age or `who` follows `c`.
pub(super) fn said(ctx: &Ctx, c: &Cand) -> bool {
    let end = ctx.words[c.end - 1].span().end;
    let mut to = (end + 40).min(ctx.text.len());
    while !ctx.text.is_char_boundary(to) {
        to -= 1;
    }
    AFTER.is_match(&ctx.text[end..to])
}

/// Whether `words` (possessives stripped) read as a given name and a surname of the
/// census lists (`John Smith`, `Mark Price`), with no organisation's or place's head noun.
pub(crate) fn given_and_surname(ctx: &Ctx, words: &[&str]) -> bool {
    (2..=3).contains(&words.len())
        && ctx.lx.is_given_name(words[0])
        && ctx.lx.is_surname(words[words.len() - 1])
        && !words.iter().any(|w| ctx.is_head(w))
}
