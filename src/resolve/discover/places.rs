//! Places: a name whose head noun is a place's (`Mon State`, `Insein Prison`, `Victoria
//! Park`) or that a place word follows (`Evin prison`, `Tehran province`), a city of the
//! place list (`rules/places.tsv`: its id is the city's, whatever the spelling: `Grodno` and
//! `Hrodna` are one place), or a single unknown word after `in`, `at`, `near`.

use super::{Cand, Ctx, Typed, slug};
use crate::doc::{EntityType, Span};
use crate::gazetteer::lexicon::{Class, strip_possessive};
use crate::gazetteer::variants::head_word;

/// The lower-case words after `c` of class `class`, up to two (`police station`): where
/// they end, if any.
pub(super) fn after_words(ctx: &Ctx, c: &Cand, class: Class) -> Option<usize> {
    let mut k = c.end;
    let mut end = None;
    while k < ctx.words.len() && k < c.end + 2 {
        let gap = &ctx.text[ctx.words[k - 1].span().end..ctx.words[k].span().start];
        let w = ctx.w(k);
        let fits = gap == " "
            && w.chars().next().is_some_and(char::is_lowercase)
            && (ctx.lx.is(w, class) || (end.is_some() && matches!(w, "station" | "office")));
        if !fits {
            break;
        }
        end = Some(ctx.words[k].span().end);
        k += 1;
    }
    end
}

/// A place by its head noun or the word after it.
pub(super) fn by_head(ctx: &Ctx, c: &Cand) -> Option<Typed> {
    let span = ctx.span(c);
    if let Some(end) = after_words(ctx, c, Class::PlaceAfter) {
        return Some(Typed {
            etype: EntityType::Place,
            span: Span::new(span.start, end),
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
    (ctx.lx.is(head, Class::PlaceHead) || ctx.lx.is(last, Class::PlaceHead)).then_some(Typed {
        etype: EntityType::Place,
        span,
        by_head: true,
        id: None,
    })
}

/// A city of the place list.
pub(super) fn listed(ctx: &Ctx, c: &Cand) -> Option<Typed> {
    let span = ctx.span(c);
    let i = ctx.lx.place(strip_possessive(span.of(ctx.text)))?;
    Some(Typed {
        etype: EntityType::Place,
        span,
        by_head: false,
        id: Some(format!("new/place/{}", slug(&ctx.lx.place_list[i].name))),
    })
}

/// Whether `in`, `at`, `near`, `outside` or `around` stands right before `c`.
pub(super) fn after_preposition(ctx: &Ctx, c: &Cand) -> bool {
    c.start > 0 && {
        let p = c.start - 1;
        let gap = &ctx.text[ctx.words[p].span().end..ctx.words[c.start].span().start];
        gap == " "
            && matches!(
                ctx.w(p),
                "in" | "at" | "near" | "outside" | "around" | "In" | "At" | "Near"
            )
    }
}

/// Whether a place noun and `of` stand right before `c` (`the city of X`, `the province of
/// X`): the name is that place's.
pub(super) fn of_a_place_noun(ctx: &Ctx, c: &Cand) -> bool {
    c.start > 1 && {
        let (of, noun) = (c.start - 1, c.start - 2);
        let plain = |a: usize, b: usize| {
            ctx.text[ctx.words[a].span().end..ctx.words[b].span().start] == *" "
        };
        plain(of, c.start)
            && plain(noun, of)
            && ctx.w(of) == "of"
            && matches!(
                ctx.w(noun).to_lowercase().as_str(),
                "city"
                    | "town"
                    | "village"
                    | "province"
                    | "region"
                    | "district"
                    | "county"
                    | "governorate"
                    | "prefecture"
                    | "municipality"
                    | "port"
                    | "island"
                    | "state"
            )
    }
}
