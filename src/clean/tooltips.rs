//! Removes glossary tooltips that scrapers copy into the text.
//!
//! Sites with a glossary wrap a term in a tooltip; a plain-text scrape then holds the term
//! twice, followed by its definition and often a "See ..." line, in the middle of the
//! sentence:
//!
//! ```text
//! ... join the alleged illegal strike strike The most common form of industrial action,
//! a strike is a concerted stoppage of work ... Can assume a wide variety of forms.
//!
//! See general strike, intermittent strike, ...
//! , has completed his prison sentence.
//! ```
//!
//! The rule is structural, not a list of definitions: a term of one to six words written
//! twice in a row, then one to four sentences starting with a capital letter, ended by a
//! "See ..." line or by text that cannot start a sentence (a lower-case word or
//! punctuation: the interrupted sentence resuming). The second copy, the definition and the
//! "See" line are removed; the first copy stays in its sentence.
//!
//! ```
//! use casefile::clean::tooltips::strip;
//! let t = "a local union local union A local branch of a higher-level trade union. called X";
//! assert_eq!(strip(t), "a local union called X");
//! ```

const MAX_TERM_WORDS: usize = 6;
const MAX_SENTENCES: usize = 4;
const MAX_DEFINITION: usize = 700;
const MIN_DEFINITION_WORDS: usize = 4;

/// Word spans (byte ranges) of `s`: runs of letters, digits, apostrophes and hyphens
/// (32-bit offsets: eight bytes a word; `s` is under 4 GiB, see [`strip`]).
fn words(s: &str) -> Vec<(u32, u32)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let w = if c.is_ascii() {
            c.is_ascii_alphanumeric() || matches!(c, '\'' | '-' | '&')
        } else {
            c.is_alphanumeric() || c == '’'
        };
        match (w, start) {
            (true, None) => start = Some(i),
            (false, Some(st)) => {
                out.push((st as u32, i as u32));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(st) = start {
        out.push((st as u32, s.len() as u32));
    }
    out
}

/// Whether two copies of a term are the same, ignoring case (a glossary entry is often
/// written in lower case after a capitalised term: `Industrial Union industrial union`).
fn same_term(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.chars()
            .zip(b.chars())
            .all(|(x, y)| x == y || x.to_lowercase().eq(y.to_lowercase()))
}

/// Removes every glossary tooltip from `s` (a text of 4 GiB or more, far above any
/// document limit, is returned as it is). Borrows `s` when it has none.
pub fn strip(s: &str) -> std::borrow::Cow<'_, str> {
    if u32::try_from(s.len()).is_err() {
        return s.into();
    }
    let ws = words(s);
    let w = |k: usize| (ws[k].0 as usize, ws[k].1 as usize);
    let mut cuts: Vec<(usize, usize)> = Vec::new();
    let mut definitions: Vec<String> = Vec::new();
    let mut i = 0;
    'outer: while i < ws.len() {
        if cuts.last().is_some_and(|c| w(i).0 < c.1) {
            i += 1;
            continue;
        }
        for n in 1..=MAX_TERM_WORDS {
            if i + 2 * n > ws.len() {
                break;
            }
            // The copies must open with the same letter (most candidates end here). Only
            // decided for ASCII: other letters can equal one of another length in lower
            // case (the Kelvin sign and `k`).
            let (a, b) = (s.as_bytes()[w(i).0], s.as_bytes()[w(i + n).0]);
            if a.is_ascii() && b.is_ascii() && !a.eq_ignore_ascii_case(&b) {
                continue;
            }
            // The two copies: words i..i+n and i+n..i+2n, single-space separated inside.
            let first = &s[w(i).0..w(i + n - 1).1];
            let second = &s[w(i + n).0..w(i + 2 * n - 1).1];
            if !same_term(first, second) || s[w(i + n - 1).1..w(i + n).0] != *" " {
                continue;
            }
            if !first.chars().next().is_some_and(char::is_alphabetic) {
                continue;
            }
            let def_start = w(i + 2 * n - 1).1;
            if let Some(end) = definition_end(s, def_start) {
                cuts.push((w(i + n - 1).1, end));
                definitions.push(s[def_start..end].trim().to_string());
                i += 2 * n;
                continue 'outer;
            }
        }
        i += 1;
    }
    // A definition seen once is furniture wherever else it stands in the document, with or
    // without its doubled term.
    let first_line = |d: &str| d.lines().next().unwrap_or("").trim().to_string();
    let mut seen: Vec<String> = definitions
        .iter()
        .map(|d| first_line(d))
        .filter(|d| d.len() >= 40)
        .collect();
    seen.sort();
    seen.dedup();
    // One pass over the text for all definitions (not one per definition), and overlap
    // checks by binary search over the sorted cuts.
    cuts.sort_unstable();
    let tooltip_cuts = cuts.clone();
    let overlaps = |at: usize, end: usize| {
        let k = tooltip_cuts.partition_point(|c| c.1 <= at);
        tooltip_cuts.get(k).is_some_and(|&(a, _)| a < end)
    };
    let finder = (!seen.is_empty())
        .then(|| {
            aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&seen)
                .ok()
        })
        .flatten();
    for m in finder.iter().flat_map(|f| f.find_iter(s)) {
        {
            let (at, end) = (m.start(), m.end());
            if overlaps(at, end) {
                continue;
            }
            // Take a following "See ..." line along.
            let rest = &s[end..];
            let after_nl = rest.trim_start_matches([' ', '\n']);
            let end = if rest.starts_with(['\n', ' '])
                && rest[..rest.len() - after_nl.len()].contains('\n')
                && after_nl.starts_with("See ")
            {
                let line_end = after_nl.find('\n').map_or(after_nl.len(), |i| i + 1);
                s.len() - after_nl.len() + line_end
            } else {
                end
            };
            let start = if s[..at].ends_with(' ') { at - 1 } else { at };
            cuts.push((start, end));
        }
    }
    cuts.sort_unstable();
    if cuts.is_empty() {
        return s.into();
    }
    let mut out = String::with_capacity(s.len());
    let mut last = 0;
    for (a, b) in cuts {
        if a < last {
            continue;
        }
        out.push_str(&s[last..a]);
        let rest = s[b..].trim_start_matches([' ', '\n']);
        let next = rest.chars().next();
        if !next.is_some_and(|c| c.is_ascii_punctuation() || "”’»".contains(c)) && next.is_some()
        {
            out.push(' ');
        }
        last = s.len() - rest.len();
    }
    out.push_str(&s[last..]);
    out.into()
}

/// Where the definition that starts at `at` (just after the second copy of the term) ends,
/// or `None` when what follows is not a tooltip definition.
fn definition_end(s: &str, at: usize) -> Option<usize> {
    let rest = &s[at..];
    let body = rest.strip_prefix(' ')?;
    if !body.chars().next()?.is_uppercase() {
        return None;
    }
    let base = at + 1;
    let mut pos = 0;
    let mut sentences = 0;
    while sentences < MAX_SENTENCES && pos < MAX_DEFINITION {
        // Find the end of the current sentence.
        // Look no further than a definition can reach (a text without full stops must not
        // be scanned to its end for every doubled word).
        let mut lim = (pos + MAX_DEFINITION + 1).min(body.len());
        while !body.is_char_boundary(lim) {
            lim += 1;
        }
        let b = &body[pos..lim];
        let rel = b.find(['.', '!', '?'])?;
        let mut end = pos + rel + 1;
        if body[end..].starts_with(['"', '”', ')']) {
            end += body[end..].chars().next().map_or(0, char::len_utf8);
        }
        // A full stop inside an abbreviation or a number does not end the sentence.
        let after = &body[end..];
        if after.starts_with(|c: char| c.is_alphanumeric()) {
            pos = end;
            continue;
        }
        sentences += 1;
        let trimmed = after.trim_start_matches(' ');
        let def_words = words(&body[..end]).len();
        if def_words < MIN_DEFINITION_WORDS {
            pos = end;
            continue;
        }
        // A "See ..." line on its own closes the tooltip.
        let after_nl = trimmed.trim_start_matches(['\n', ' ']);
        if trimmed.starts_with('\n') && after_nl.starts_with("See ") {
            let line_end = after_nl.find('\n').map_or(after_nl.len(), |i| i + 1);
            let consumed = body.len() - after_nl.len() + line_end;
            return Some(base + consumed);
        }
        match trimmed.chars().next() {
            None => return None,
            Some(c) if c.is_lowercase() || c.is_ascii_punctuation() || "”’»".contains(c) => {
                return Some(base + end);
            }
            _ => pos = end,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn removes_tooltip_with_see_line() {
        let t = "convicted for calling for the illegal strike strike The most common form of industrial action, a strike is a concerted stoppage of work by employees. Can assume a wide variety of forms.\n\nSee general strike, intermittent strike, wildcat strike\n, has completed his prison sentence.";
        assert_eq!(
            strip(t),
            "convicted for calling for the illegal strike, has completed his prison sentence."
        );
    }

    #[test]
    fn removes_multiword_and_chained_tooltips() {
        let t = "retaliation for organising organising The process of forming or joining a trade union, or inducing other workers to form or join one. strike strike The most common form of industrial action, a strike is a stoppage of work.\n\nSee general strike\naction protesting";
        assert_eq!(
            strip(t),
            "retaliation for organising strike action protesting"
        );
        let t = "the International Labour Organization International Labour Organization A tripartite United Nations (UN) agency established in 1919 to promote working conditions.\n\nSee tripartism\n, article 402";
        assert_eq!(
            strip(t),
            "the International Labour Organization, article 402"
        );
    }

    #[test]
    fn term_case_may_differ() {
        let t = "leader of the Industrial Union industrial union A union whose membership is composed of workers in a particular industry.\n\nSee company union\nof Employees in the Fuel Sector";
        assert_eq!(
            strip(t),
            "leader of the Industrial Union of Employees in the Fuel Sector"
        );
    }

    #[test]
    fn a_definition_seen_once_goes_wherever_it_repeats() {
        let def = "A local branch of a higher-level trade union such as a national union.";
        let t = format!(
            "register a local union local union {def} called X. Later the local union {def} was closed."
        );
        assert_eq!(
            strip(&t),
            "register a local union called X. Later the local union was closed."
        );
    }

    #[test]
    fn leaves_ordinary_repetitions_alone() {
        // A doubled word followed by a normal sentence that goes on is not a tooltip.
        let t = "He said no no. The court ruled. Then it ended. Another one came. And more. Yes.";
        assert_eq!(strip(t), t);
        let t = "Walla Walla Washington is a town.";
        assert_eq!(strip(t), t);
    }
}
