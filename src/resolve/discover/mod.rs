//! Names the gazetteer lacks: new spellings of known names, and names nobody listed.
//!
//! After exact matching, one scan ([`super::candidates`]) gives the runs of capitalised
//! words the exact matches left. Each run is split before a title that introduces a name
//! (`TUC General Secretary Paul Nowak` → `TUC`, `Paul Nowak`) and trimmed
//! ([`decide`]): honorifics and titles, sentence-initial function and common words, months,
//! connectors at its edges. What cannot name anything goes: demonyms (`Belarusian`, `Sri
//! Lankan`), laws and documents (`Criminal Code of ...`), currency codes, lone common
//! words, runs of common words without an organisation's or place's head noun (`Human
//! Rights`, `Investment Project`). The rest is, in this order:
//!
//! 1. **a known name in another spelling** ([`variants`]): a listed person word by word, a
//!    listed organisation by its content words, any listed name by its skeleton key, a
//!    surname one letter off;
//! 2. **a new name**, typed by the rooms [`persons`], [`orgs`] and [`places`] (head nouns,
//!    the word after the name, titles and roles, verbs of saying, the place list) and given
//!    an id `new/person/...`, `new/org/...`, `new/place/...` from its skeleton key, so that
//!    the spellings of one new name share an id in every document;
//! 3. **another mention of a name of the document**: a single word that is a word of one
//!    person named in the document (`Huang` after `Huang Jianxun`), a specific word of one
//!    organisation (`Azot` after `Hrodna Azot`), an acronym defined after a name or spelling
//!    its initials ([`acronyms`]: `ICSSI`, `KCTU`).

mod acronyms;
mod named;
mod orgs;
mod persons;
mod places;
mod variants;

use super::candidates::{self, Run, Word, is_acronym, is_calendar_word, is_function_word};
use crate::doc::{Doc, EntityType, Mention, Method, Span};
use crate::gazetteer::lexicon::{Class, Lexicon, strip_possessive};
use crate::gazetteer::variants::{WordKey, head_word};
use crate::gazetteer::{Gazetteer, Matcher, skeleton};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

/// What a candidate may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A name.
    Name,
    /// An acronym.
    Acronym,
    /// A single common word: a name only as another mention of a name of the document.
    Common,
}

/// A trimmed run: words `start..end`.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cand {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// An honorific or title stood before it.
    pub lead_person: bool,
}

/// What the rooms read.
pub(crate) struct Ctx<'a> {
    pub text: &'a str,
    pub words: &'a [Word],
    pub lx: &'static Lexicon,
    pub g: &'a Gazetteer,
    pub m: &'a Matcher,
    pub folded_doc: &'a str,
    /// [`Ctx::is_place`]'s answers so far.
    pub place_cache: std::cell::RefCell<rustc_hash::FxHashMap<String, bool>>,
}

impl Ctx<'_> {
    pub fn w(&self, k: usize) -> &str {
        self.words[k].of(self.text)
    }
    pub fn span(&self, c: &Cand) -> Span {
        Span::new(
            self.words[c.start].span().start,
            self.words[c.end - 1].span().end,
        )
    }
    pub fn words_of(&self, c: &Cand) -> Vec<&str> {
        (c.start..c.end).map(|k| self.w(k)).collect()
    }
    /// Whether `s` names a place: a city of the list or a place of the gazetteer (each
    /// spelling looked up once per document).
    pub fn is_place(&self, s: &str) -> bool {
        if let Some(&b) = self.place_cache.borrow().get(s) {
            return b;
        }
        let key = crate::gazetteer::lexicon::place_key(s);
        let b = self.lx.place_by_key(&key).is_some() || self.m.skeletons.places.contains(&key);
        self.place_cache.borrow_mut().insert(s.to_string(), b);
        b
    }
    fn is_head(&self, w: &str) -> bool {
        self.lx.is(w, Class::OrgHead) || self.lx.is(w, Class::PlaceHead)
    }
}

/// A title or honorific (that is not also an organisation's head noun).
fn titled(ctx: &Ctx, k: usize) -> bool {
    let w = ctx.w(k);
    (ctx.lx.is(w, Class::Title) || ctx.lx.is(w, Class::Honorific)) && !ctx.lx.is(w, Class::OrgHead)
}

/// Where a run of title words from `k` ends (before `end`): titles, honorifics, and the
/// common words between them (`Deputy Programme Director`, `Regional Director`).
fn title_end(ctx: &Ctx, k: usize, end: usize) -> usize {
    let mut m = k;
    loop {
        if m < end && titled(ctx, m) {
            m += 1;
            continue;
        }
        let mut q = m;
        while q < end
            && q < m + 3
            && ctx.lx.is_common(ctx.w(q))
            && !ctx.is_head(ctx.w(q))
            && !titled(ctx, q)
        {
            q += 1;
        }
        if q > m && q < end && titled(ctx, q) {
            m = q;
            continue;
        }
        return m;
    }
}

/// Splits a run before every title that introduces a name, the title kept with the name
/// (where [`decide`] removes it).
fn split_titles(ctx: &Ctx, r: Run) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut a = r.start;
    let mut k = r.start;
    while k < r.end {
        if k > r.start && titled(ctx, k) {
            let m = title_end(ctx, k, r.end);
            if m < r.end
                && !ctx.is_head(ctx.w(m))
                && !ctx.lx.is(ctx.w(m), Class::Connector)
                && ctx.words[m].cap
            {
                out.push((a, k));
                a = k;
            }
            k = m.max(k + 1);
            continue;
        }
        k += 1;
    }
    out.push((a, r.end));
    out
}

fn is_roman_numeral(w: &str) -> bool {
    w.len() <= 5
        && w.chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C' | 'M'))
}

/// A capitalised plural noun of people by its ending (`Dockers`, `Machinists`,
/// `Electricians`, `Stevedores`): capital, then lower-case letters only.
fn agent_plural(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars().count() > 5
        && cs.all(|c| c.is_lowercase())
        && ["ers", "ors", "ists", "ians", "ees", "ores"]
            .iter()
            .any(|e| w.ends_with(e))
}

/// Trims words `i..j` and decides whether they can name anything (see the module doc).
pub(crate) fn decide(ctx: &Ctx, mut i: usize, mut j: usize) -> Option<Cand> {
    let lx = ctx.lx;
    let mut lead_person = false;
    // Honorifics and titles before a name: `Mr`, `Deputy Chairman`, `Former President`.
    let m = title_end(ctx, i, j);
    if m > i && m < j && !ctx.is_head(ctx.w(m)) && !lx.is(ctx.w(m), Class::Connector) {
        lead_person = true;
        i = m;
    }
    while i < j {
        let t = ctx.w(i);
        let next_name = i + 1 < j
            && ctx.words[i + 1].cap
            && !lx.is_common(ctx.w(i + 1))
            && !lx.is(ctx.w(i + 1), Class::Connector);
        if is_function_word(t)
            || is_calendar_word(t)
            || (ctx.words[i].sent_start && lx.is_common(t) && next_name && !ctx.is_head(t))
        {
            i += 1;
            continue;
        }
        break;
    }
    while j > i {
        let t = ctx.w(j - 1);
        if lx.is(t, Class::Connector) || is_calendar_word(t) || is_function_word(t) {
            j -= 1;
            continue;
        }
        break;
    }
    if i >= j {
        return None;
    }
    let words: Vec<&str> = (i..j).map(|k| ctx.w(k)).collect();
    let first = words[0];
    // A currency: a code anywhere (`USD`), a name after an amount (`seven million Toman`;
    // `Won`, `Yuan`, `Rand` begin people's names too).
    let after_amount = || {
        let before = ctx.text[..ctx.words[i].span().start].trim_end();
        let last = before.rsplit(' ').next().unwrap_or("");
        last.ends_with(|c: char| c.is_ascii_digit())
            || ["million", "thousand", "billion", "hundred"]
                .iter()
                .any(|m| last.eq_ignore_ascii_case(m))
    };
    if first.starts_with(|c: char| c.is_ascii_digit())
        || (lx.is(first, Class::Currency) && (is_acronym(first) || after_amount()))
    {
        return None;
    }
    if words.iter().any(|w| lx.is(w, Class::NotName)) {
        return None;
    }
    let cand = |kind| {
        Some(Cand {
            start: i,
            end: j,
            kind,
            lead_person,
        })
    };
    if words.len() == 1 {
        let w = first;
        if w.chars().filter(|c| c.is_alphabetic()).count() < 2 {
            return None;
        }
        if is_acronym(w) {
            let after = ctx.text[ctx.words[i].span().end..].trim_start_matches(' ');
            if is_roman_numeral(w)
                || after
                    .starts_with(|c: char| c.is_ascii_digit() || matches!(c, '$' | '€' | '£' | '¥'))
            {
                return None;
            }
            return cand(Kind::Acronym);
        }
        // A plural acronym is a common noun (`NGOs`, `MPs`).
        let upper = w.chars().take_while(|c| c.is_uppercase()).count();
        if upper >= 2 && w.ends_with('s') && w.chars().count() == upper + 1 {
            return None;
        }
        if lx.is(w, Class::Title) || lx.is(w, Class::Honorific) {
            return None;
        }
        // A sentence opening with a plural noun of people the word list lacks (`Dockers
        // walked out`, `Stevedores`): a common noun, not a name.
        if ctx.words[i].sent_start && agent_plural(w) {
            return None;
        }
        if lx.is_demonym(w, |s| ctx.is_place(s)) {
            return None;
        }
        // A title rescues a short common word (`President Lee`), not a long one (a title-case
        // `Activist Arrested`).
        if lx.is_common(w) && !(lead_person && w.chars().count() <= 4) {
            return cand(Kind::Common);
        }
        return cand(Kind::Name);
    }
    let bare: Vec<&str> = words.iter().map(|w| strip_possessive(w)).collect();
    let head = head_word(&bare, lx).unwrap_or(first);
    let last = *bare
        .iter()
        .rev()
        .find(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .unwrap_or(&head);
    if lx.is(head, Class::Law) || (lx.is(last, Class::Law) && !ctx.is_head(head)) {
        return None;
    }
    let phrase = &ctx.text[ctx.words[i].span().start..ctx.words[j - 1].span().end];
    if lx.is_demonym(phrase, |s| ctx.is_place(s)) {
        return None;
    }
    if bare
        .iter()
        .all(|w| lx.is(w, Class::Title) || lx.is(w, Class::Honorific))
    {
        return None;
    }
    // Names of short words only are often East Asian (`Chow Hang Tung`): not common words.
    let syllables = bare
        .iter()
        .all(|w| w.chars().count() <= 4 && w.chars().all(char::is_alphabetic) && !ctx.is_head(w));
    let all_common = !syllables
        && bare.iter().all(|w| {
            lx.is_common(w)
                || lx.is(w, Class::Connector)
                || w.chars().all(|c| c.is_ascii_digit())
                || lx.is_demonym(w, |s| ctx.is_place(s))
        });
    // A given name and a surname are a person's even when both are words (`John Smith`,
    // `Mark Price`).
    let personal = persons::given_and_surname(ctx, &bare);
    // A name of common words only has a head noun: `World Bank`, `Ministry of Labour`
    // (not `Freedom of Association`).
    if all_common && !lead_person && !personal && !ctx.is_head(head) {
        return None;
    }
    cand(Kind::Name)
}

/// The spans already taken by mentions, ordered, so that overlap and containment queries
/// cost a logarithm rather than a scan (a document may hold a million mentions). A span
/// is kept as one 64-bit key, start then end (texts under 4 GiB: [`discover`] checks).
#[derive(Default)]
pub(crate) struct Taken {
    spans: std::collections::BTreeSet<u64>,
    /// The longest span, bounding how far back an overlapping span can start.
    longest: usize,
}

fn pack(start: usize, end: usize) -> u64 {
    ((start as u64) << 32) | end as u64
}

impl Taken {
    pub fn push(&mut self, s: Span) {
        self.longest = self.longest.max(s.end - s.start);
        self.spans.insert(pack(s.start, s.end));
    }
    /// Spans that could overlap `s` (they start before it ends, and not too far back).
    pub fn near(&self, s: Span) -> impl Iterator<Item = Span> + '_ {
        self.spans
            .range(pack(s.start.saturating_sub(self.longest), 0)..pack(s.end, 0))
            .map(|&k| Span::new((k >> 32) as usize, (k & 0xffff_ffff) as usize))
    }
    pub fn overlaps(&self, s: Span) -> bool {
        self.near(s).any(|t| t.overlaps(s))
    }
    pub fn remove(&mut self, s: Span) {
        self.spans.remove(&pack(s.start, s.end));
    }
}

/// Whether a name has only common and generic words (`Supreme Court`, `Ministry of
/// Labour`): many bodies have it, one in each country.
pub(crate) fn is_generic(ctx: &Ctx, words: &[&str]) -> bool {
    crate::gazetteer::lexicon::is_generic_name(ctx.lx, &words.join(" "))
}

/// A slug of a key: lower-case letters and digits, `-` for anything else.
pub(crate) fn slug(key: &str) -> String {
    let mut out = String::with_capacity(key.len());
    for c in key.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The id of a new name of type `t`, from its skeleton key.
pub(crate) fn new_id(t: EntityType, surface: &str) -> String {
    let key = skeleton::keys(strip_possessive(surface))
        .into_iter()
        .next()
        .unwrap_or_default();
    format!("new/{}/{}", t.as_str(), slug(&key))
}

/// The state of one document's discovery.
pub(crate) struct State {
    pub taken: Taken,
    /// Gazetteer entities the document names.
    pub named: HashSet<usize>,
    pub out: Vec<Mention>,
    /// Spans of exact place mentions a longer name absorbed.
    pub absorbed: HashSet<Span>,
    /// Names of the document with two words or more, word by word, for their other
    /// mentions (persons: every word; others: the specific ones) and by their initials.
    pub names: named::NameWords,
    /// Acronyms defined right after a name.
    pub defined: HashMap<String, (Arc<str>, EntityType)>,
    /// Where each acronym candidate first follows `(` and `[` ([`acronyms::bracketed`]).
    pub bracketed: HashMap<String, [Option<usize>; 2]>,
    /// One shared copy of each id.
    ids: HashSet<Arc<str>>,
}

impl State {
    pub fn id(&mut self, id: &str) -> Arc<str> {
        if let Some(x) = self.ids.get(id) {
            return x.clone();
        }
        let a: Arc<str> = Arc::from(id);
        self.ids.insert(a.clone());
        a
    }

    pub fn push(&mut self, span: Span, id: &str, t: EntityType, method: Method, confidence: f32) {
        let id = self.id(id);
        self.taken.push(span);
        self.out.push(Mention {
            span,
            entity_id: id,
            entity_type: t,
            method,
            confidence,
        });
    }

    /// Records a name of two words or more for the document's other mentions of it.
    pub fn remember(&mut self, ctx: &Ctx, span: Span, id: &str, t: EntityType) {
        let surface = span.of(ctx.text);
        let ws = crate::gazetteer::variants::name_words(surface, ctx.lx);
        if ws.len() < 2 {
            return;
        }
        let id = self.id(id);
        let words = ws
            .iter()
            .flat_map(|w| w.split('-'))
            .filter(|w| w.chars().count() >= 2)
            .filter(|w| {
                t == EntityType::Person
                    || (!ctx.lx.is_common(w)
                        && !ctx.lx.is(w, Class::Generic)
                        && !ctx.is_place(w)
                        && !ctx.lx.is_demonym(w, |s| ctx.is_place(s)))
            })
            .map(|w| (strip_possessive(w), w));
        // A hyphenated given name is also one word (`Cheuk-yan`).
        let whole = ws
            .iter()
            .filter(|w| t == EntityType::Person && w.contains('-'))
            .map(|w| (*w, *w));
        for (x, w) in words.chain(whole) {
            self.names.add_word(x, || WordKey::new(w, ctx.lx), &id, t);
        }
        if t == EntityType::Org {
            self.names.add_initials(acronyms::initials(surface), &id, t);
        }
    }
}

/// Adds variant, discovered and coreferent mentions to `mentions` (which holds the exact
/// ones).
pub fn discover(
    doc: &Doc,
    g: &Gazetteer,
    m: &Matcher,
    folded_doc: &str,
    mentions: &mut Vec<Mention>,
) {
    let text = doc.text.as_str();
    if u32::try_from(text.len()).is_err() {
        // (32-bit offsets below; documents are limited far lower.)
        return;
    }
    let lx = Lexicon::shared();
    let mut blocked: Vec<Span> = mentions
        .iter()
        .filter(|x| x.entity_type != EntityType::Place)
        .map(|x| x.span)
        .collect();
    blocked.sort_unstable();
    let words = candidates::scan(text, lx, &blocked);
    drop(blocked);
    let ctx = Ctx {
        text,
        words: &words,
        lx,
        g,
        m,
        folded_doc,
        place_cache: Default::default(),
    };
    let mut st = State {
        taken: Taken::default(),
        named: mentions
            .iter()
            .filter_map(|x| g.by_id.get(&*x.entity_id).copied())
            .collect(),
        out: Vec::new(),
        absorbed: HashSet::new(),
        names: Default::default(),
        defined: HashMap::new(),
        bracketed: HashMap::new(),
        ids: HashSet::new(),
    };
    for x in mentions.iter() {
        st.taken.push(x.span);
    }
    // (Exact mentions do not overlap: sorted by start, their ends are sorted too.)
    let mut places: Vec<Span> = mentions
        .iter()
        .filter(|x| x.entity_type == EntityType::Place)
        .map(|x| x.span)
        .collect();
    places.sort_by_key(|p| p.start);
    // The places that overlap a span, found by binary search.
    let places_in = |span: Span| -> Vec<Span> {
        let i = places.partition_point(|p| p.end <= span.start);
        places[i..]
            .iter()
            .take_while(|p| p.start < span.end)
            .copied()
            .filter(|p| p.overlaps(span))
            .collect()
    };
    for x in mentions.iter() {
        if x.entity_type != EntityType::Place {
            st.remember(&ctx, x.span, &x.entity_id.clone(), x.entity_type);
        }
    }

    // From here on the exact mentions are the first `exact` of `st.out`, which the
    // discovered ones follow (one vector: the document's mentions are not held twice).
    let exact = mentions.len();
    st.out = std::mem::take(mentions);
    let mut cands: Vec<Cand> = Vec::new();
    for r in candidates::runs(text, &words, lx) {
        for (a, b) in split_titles(&ctx, r) {
            if let Some(c) = decide(&ctx, a, b) {
                cands.push(c);
            }
        }
    }
    // Pass 1: names of two words or more, whole or in parts. (The vectors are sized to
    // their contents: a text of one name per line has a candidate per eight bytes.)
    cands.shrink_to_fit();
    let mut singles: Vec<Cand> =
        Vec::with_capacity(cands.iter().filter(|c| c.end - c.start == 1).count());
    cands.reverse();
    let mut work = cands;
    while let Some(c) = work.pop() {
        if c.end - c.start == 1 {
            singles.push(c);
            continue;
        }
        let span = ctx.span(&c);
        let inner: Vec<Span> = places_in(span);
        if inner.iter().any(|p| p.contains(span)) {
            continue;
        }
        if st
            .taken
            .near(span)
            .any(|t| t.overlaps(span) && !inner.contains(&t))
        {
            // Overlaps a mention found in this pass: keep the words outside it.
            pieces(&ctx, &c, &st.taken, &mut work);
            continue;
        }
        if acronyms::short_form_in_brackets(&ctx, &mut st, &c) {
            continue;
        }
        if variants::link_run(&ctx, &mut st, &c) {
            continue;
        }
        let Some(typed) = type_of(&ctx, &c) else {
            pieces(&ctx, &c, &st.taken, &mut work);
            continue;
        };
        if !inner.is_empty() {
            // A place inside a longer name (`Minsk Tractor Works`): the longer name wins
            // when its head makes it one; otherwise the words around the place go on.
            if inner.iter().all(|p| typed.span.contains(*p))
                && typed.by_head
                && typed.span != inner[0]
            {
                for p in &inner {
                    st.absorbed.insert(*p);
                    st.taken.remove(*p);
                }
            } else {
                pieces(&ctx, &c, &st.taken, &mut work);
                continue;
            }
        }
        let id = typed.id.clone().unwrap_or_else(|| {
            let surface = typed.span.of(text);
            let id = new_id(typed.etype, surface);
            // A generic name is one body in this document, another in the next.
            let ws: Vec<&str> = surface.split_whitespace().collect();
            if typed.etype != EntityType::Person && is_generic(&ctx, &ws) {
                format!("{id}/{}", slug(doc_scope(&doc.id)))
            } else {
                id
            }
        });
        st.push(typed.span, &id, typed.etype, Method::Discovered, 0.6);
        st.remember(&ctx, typed.span, &id, typed.etype);
    }
    // Pass 2: single words: a known name, another mention of a name of the document, an
    // acronym, a new name.
    acronyms::collect_defined(&ctx, &mut st);
    let acrs: Vec<&str> = singles
        .iter()
        .filter(|c| c.kind == Kind::Acronym)
        .map(|c| ctx.span(c).of(text))
        .collect();
    st.bracketed = acronyms::bracketed(text, &acrs);
    for c in singles {
        let span = ctx.span(&c);
        if st.taken.overlaps(span) {
            continue;
        }
        if variants::link_word(&ctx, &mut st, &c) {
            continue;
        }
        if c.kind == Kind::Acronym {
            acronyms::resolve(&ctx, &mut st, &c);
            continue;
        }
        if variants::coreferent(&ctx, &mut st, &c) {
            continue;
        }
        if c.kind == Kind::Common {
            continue;
        }
        if let Some(typed) = type_of(&ctx, &c) {
            let id = typed
                .id
                .clone()
                .unwrap_or_else(|| new_id(typed.etype, typed.span.of(text)));
            st.push(typed.span, &id, typed.etype, Method::Discovered, 0.5);
        }
    }
    if !st.absorbed.is_empty() {
        let mut k = 0;
        st.out.retain(|x| {
            k += 1;
            k > exact || !st.absorbed.contains(&x.span)
        });
    }
    *mentions = st.out;
}

/// The part of a document id that scopes a generic name's id (a content id's first 12
/// characters).
fn doc_scope(id: &str) -> &str {
    let mut end = id.len().min(12);
    while !id.is_char_boundary(end) {
        end -= 1;
    }
    &id[..end]
}

/// Re-decides the parts of `c` outside taken spans.
fn pieces(ctx: &Ctx, c: &Cand, taken: &Taken, work: &mut Vec<Cand>) {
    let mut k = c.start;
    let mut found = Vec::new();
    while k < c.end {
        let free = |k: usize| !taken.overlaps(ctx.words[k].span());
        if !free(k) {
            k += 1;
            continue;
        }
        let a = k;
        while k < c.end && free(k) {
            k += 1;
        }
        if (a, k) != (c.start, c.end)
            && let Some(p) = decide(ctx, a, k)
        {
            found.push(p);
        }
    }
    // `work` is a stack: push in reverse to keep text order.
    work.extend(found.into_iter().rev());
}

/// A typed new name.
pub(crate) struct Typed {
    pub etype: EntityType,
    pub span: Span,
    /// Typed by a head noun or the word after it (a name that may hold a place's name).
    pub by_head: bool,
    /// An id other than the one from its own spelling (a listed city's).
    pub id: Option<String>,
}

/// The type of a new name: organisation and place head nouns and the word after the name
/// first, then a person's cues, then the place list, then the shape of the name.
fn type_of(ctx: &Ctx, c: &Cand) -> Option<Typed> {
    let span = ctx.span(c);
    if let Some(t) = orgs::by_head(ctx, c).or_else(|| places::by_head(ctx, c)) {
        return Some(t);
    }
    if c.kind == Kind::Acronym {
        return Some(Typed {
            etype: EntityType::Org,
            span,
            by_head: false,
            id: None,
        });
    }
    if places::of_a_place_noun(ctx, c) && !persons::cued(ctx, c) {
        return Some(Typed {
            etype: EntityType::Place,
            span,
            by_head: false,
            id: None,
        });
    }
    if persons::cued(ctx, c) {
        return Some(Typed {
            etype: EntityType::Person,
            span,
            by_head: false,
            id: None,
        });
    }
    if let Some(t) = places::listed(ctx, c) {
        return Some(t);
    }
    let etype = if c.end - c.start == 1 {
        if places::after_preposition(ctx, c) {
            EntityType::Place
        } else if persons::said(ctx, c) {
            EntityType::Person
        } else {
            EntityType::Org
        }
    } else if orgs::shaped(ctx, c) {
        EntityType::Org
    } else {
        EntityType::Person
    };
    Some(Typed {
        etype,
        span,
        by_head: false,
        id: None,
    })
}

#[cfg(test)]
mod tests;
