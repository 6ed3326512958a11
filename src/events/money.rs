//! Amounts of money (`KZT 25 million`, `US$28,000`, `150,000 Belarusian rubles`, `5 million
//! won`) and their ISO 4217 currency, by the table `rules/currencies.tsv` (its header states
//! the format): codes and symbols before or after the amount, names after it only.

use crate::patterns::builtin;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Built-in `rules/currencies.tsv`.
pub const DEFAULT_CURRENCIES: &str = include_str!("../../rules/currencies.tsv");

/// The compiled table: the amount pattern and each token's currency.
struct Table {
    money: Regex,
    /// Lookup key (see [`key`]) → ISO code.
    codes: HashMap<String, &'static str>,
}

/// A symbol is matched as written on either side of the amount: it holds a character that
/// is not a letter (`US$`, `€`, `Rs.`) or is a short capitalised abbreviation (`Br`, `Tk`).
fn is_symbol(t: &str) -> bool {
    t.chars().any(|c| !c.is_alphabetic() && c != ' ')
        || (t.chars().count() <= 3 && t.starts_with(|c: char| c.is_uppercase()))
}

/// The lookup key of a matched token: without spaces; names in lower case.
fn key(t: &str) -> String {
    let t: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    if is_symbol(&t) { t } else { t.to_lowercase() }
}

/// Alternatives longest first, so that `Belarusian rubles` wins over `rubles` and `US$`
/// over `$`.
fn alternation(mut tokens: Vec<String>) -> String {
    tokens.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    tokens.dedup();
    tokens
        .iter()
        .map(|t| regex::escape(t).replace(' ', r"\s?"))
        .collect::<Vec<_>>()
        .join("|")
}

static TABLE: LazyLock<Table> = LazyLock::new(|| {
    let mut codes: HashMap<String, &'static str> = HashMap::new();
    let (mut before, mut after_sym, mut names) = (Vec::new(), Vec::new(), Vec::new());
    for line in DEFAULT_CURRENCIES.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let (code, rest) = line.split_once('\t').unwrap_or((line, ""));
        let code: &'static str = code.trim();
        codes.entry(code.to_string()).or_insert(code);
        before.push(code.to_string());
        after_sym.push(code.to_string());
        for t in rest.split('|').map(str::trim).filter(|t| !t.is_empty()) {
            codes.entry(key(t)).or_insert(code);
            if is_symbol(t) {
                before.push(t.to_string());
                after_sym.push(t.to_string());
            } else {
                names.push(t.to_string());
            }
        }
    }
    let num = r"\d[\d.,]*\d|\d";
    let mult = r"million|thousand|billion|bn|mn|m|k";
    let pattern = format!(
        r"(?:(?P<cur1>{b})\s?(?P<num1>{num})(?:\s?(?P<mul1>(?i:{mult})))?\b|(?P<num2>{num})(?:\s?(?P<mul2>(?i:million|thousand|billion|bn|mn)))?\s?(?:(?P<cur2>{s})|(?P<cur3>(?i:{n}))\b))",
        b = alternation(before),
        s = alternation(after_sym),
        n = alternation(names),
    );
    Table {
        money: builtin(&pattern),
        codes,
    }
});

/// An amount found in a text: its byte span, value and currency.
#[derive(Debug, Clone, PartialEq)]
pub struct Money {
    /// Byte offset of its first character.
    pub start: usize,
    /// Byte offset after its last character.
    pub end: usize,
    /// The amount, multipliers applied.
    pub amount: f64,
    /// ISO 4217 code.
    pub currency: &'static str,
}

/// Every amount of money in `s`, in order.
pub fn find_all(s: &str) -> impl Iterator<Item = Money> + '_ {
    TABLE.money.captures_iter(s).filter_map(|c| {
        let all = c.get(0)?;
        let cur = c.name("cur1").or(c.name("cur2")).or(c.name("cur3"))?;
        let currency = *TABLE.codes.get(&key(cur.as_str()))?;
        let num = c
            .name("num1")
            .or(c.name("num2"))?
            .as_str()
            .trim_end_matches(['.', ',']);
        let mult = match c
            .name("mul1")
            .or(c.name("mul2"))
            .map(|m| m.as_str().to_lowercase())
            .as_deref()
        {
            Some("million" | "m" | "mn") => 1e6,
            Some("thousand" | "k") => 1e3,
            Some("billion" | "bn") => 1e9,
            _ => 1.0,
        };
        // `8,212` with a multiplier is a decimal comma; without, a thousands separator
        // (`1.500.000` too, when a dot is followed by three digits).
        let amount: f64 = if mult > 1.0 {
            num.replace(',', ".").parse().ok()?
        } else if num.contains(',') {
            num.replace(',', "").parse().ok()?
        } else if num.split('.').skip(1).all(|g| g.len() == 3) && num.contains('.') {
            num.replace('.', "").parse().ok()?
        } else {
            num.parse().ok()?
        };
        Some(Money {
            start: all.start(),
            end: all.end(),
            amount: amount * mult,
            currency,
        })
    })
}

/// Parses the first amount of money in `s`: `KZT 25 million` → (25000000, "KZT").
pub fn parse_money(s: &str) -> Option<(f64, String)> {
    find_all(s)
        .next()
        .map(|m| (m.amount, m.currency.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_symbols_and_names_on_their_sides() {
        let p = |s| parse_money(s);
        assert_eq!(p("fined KZT 25 million"), Some((25e6, "KZT".into())));
        assert_eq!(p("a fine of 150,000 tenge"), Some((150000.0, "KZT".into())));
        assert_eq!(p("about US$28,000"), Some((28000.0, "USD".into())));
        assert_eq!(p("a €75,000 fine"), Some((75000.0, "EUR".into())));
        assert_eq!(
            p("fined 3,200 Belarusian rubles"),
            Some((3200.0, "BYN".into()))
        );
        assert_eq!(p("fined 500 rubles"), Some((500.0, "RUB".into())));
        assert_eq!(p("fined 5 million won"), Some((5e6, "KRW".into())));
        assert_eq!(p("HK$10,000 bail"), Some((10000.0, "HKD".into())));
        assert_eq!(p("fined 20 million rials"), Some((20e6, "IRR".into())));
        assert_eq!(p("a fine of 1.500.000 UZS"), Some((1.5e6, "UZS".into())));
        assert_eq!(p("fined Tk 5,000"), Some((5000.0, "BDT".into())));
    }

    #[test]
    fn names_are_no_currency_before_a_number_or_alone() {
        // `won` and `lira` before a number, or lower-case codes, are words.
        assert_eq!(parse_money("she won 3 awards"), None);
        assert_eq!(parse_money("he will try 2 times"), None);
        assert_eq!(parse_money("the union won the case"), None);
        assert_eq!(parse_money("in 2019 the court"), None);
    }
}
