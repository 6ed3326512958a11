//! Romanisation of Cyrillic names: the spellings other sources will use.
//!
//! Each [`Profile`] is a whole-name romanisation system with its context rules:
//! `е` is `ye`/`je` at the start of a word or after a vowel (BGN/PCGN, German, the press at
//! word start, Kazakhstani documents) and `e` elsewhere; `с` between vowels is `ss` in
//! French, German and Kazakhstani documents; `-ий` is `-iy`, `-ii`, `-y` or `-ij`; the
//! Kazakh letters Ә Ғ Қ Ң Ө Ұ Ү Һ І have their form in each system. [`variants`] applies
//! every profile to a name and keeps the distinct results: a handful of forms per name.
//!
//! ```
//! use casefile::gazetteer::translit::{romanize, Profile};
//! assert_eq!(romanize("Елеусинов", Profile::Bgn), "Yeleusinov");
//! assert_eq!(romanize("Елеусинов", Profile::French), "Eleoussinov");
//! assert_eq!(romanize("Кушакбаев", Profile::German), "Kuschakbajew");
//! assert_eq!(romanize("Харькова", Profile::German), "Charkowa");
//! ```

/// A romanisation system.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// BGN/PCGN (US/UK geographic names; Kazakh letters per its Kazakh table).
    Bgn,
    /// English-language press usage (`Kushakbaev`, `Dmitry`).
    Press,
    /// ICAO 9303 machine-readable passports (2013).
    Icao,
    /// Kazakhstani documents (passports before 2019): `Yeleussinov`.
    KzDocs,
    /// ISO 9:1995, with its diacritics (`Kušakbaev`).
    Iso9,
    /// ALA-LC (Library of Congress) without diacritics.
    Loc,
    /// German (Duden): `Kuschakbajew`, `Charkowa`.
    German,
    /// French: `Kouchakbaev`, `Eleoussinov`.
    French,
    /// Kazakh Latin alphabet of 2017 (apostrophes: `Jan'a`).
    Kz2017,
    /// Kazakh Latin alphabet of 2018 (acute accents).
    Kz2018,
    /// Kazakh Latin alphabet of 2021 (`Ä Ğ Q Ñ Ö Ū Ü`).
    Kz2021,
}

/// Every profile, in a fixed order.
pub const PROFILES: &[Profile] = &[
    Profile::Bgn,
    Profile::Press,
    Profile::Icao,
    Profile::KzDocs,
    Profile::Iso9,
    Profile::Loc,
    Profile::German,
    Profile::French,
    Profile::Kz2017,
    Profile::Kz2018,
    Profile::Kz2021,
];

impl Profile {
    /// A short name for listings.
    pub fn name(&self) -> &'static str {
        match self {
            Profile::Bgn => "bgn-pcgn",
            Profile::Press => "press",
            Profile::Icao => "icao-9303",
            Profile::KzDocs => "kz-documents",
            Profile::Iso9 => "iso-9",
            Profile::Loc => "ala-lc",
            Profile::German => "german",
            Profile::French => "french",
            Profile::Kz2017 => "kazakh-latin-2017",
            Profile::Kz2018 => "kazakh-latin-2018",
            Profile::Kz2021 => "kazakh-latin-2021",
        }
    }
}

fn is_vowel(c: char) -> bool {
    matches!(
        c,
        'а' | 'е' | 'ё' | 'и' | 'о' | 'у' | 'ы' | 'э' | 'ю' | 'я' | 'ә' | 'ө' | 'ұ' | 'ү' | 'і'
    )
}

/// Romanises one lower-case Cyrillic letter in context (`prev`, `next` are lower case;
/// `None` at word edges).
fn letter(p: Profile, prev: Option<char>, c: char, next: Option<char>) -> &'static str {
    use Profile::*;
    let initial_or_after_vowel = prev.is_none_or(|v| is_vowel(v) || v == 'ъ' || v == 'ь');
    let between_vowels = prev.is_some_and(is_vowel) && next.is_some_and(is_vowel);
    match c {
        'а' => "a",
        'б' => "b",
        'в' => match p {
            German => "w",
            _ => "v",
        },
        'г' => match p {
            French if matches!(next, Some('е' | 'и' | 'ы' | 'э' | 'ё')) => "gu",
            _ => "g",
        },
        'д' => "d",
        'е' => match p {
            Bgn | KzDocs if initial_or_after_vowel => "ye",
            Press if prev.is_none() => "ye",
            German if initial_or_after_vowel => "je",
            Iso9 | Kz2017 | Kz2018 | Kz2021 | Icao | Loc | French | Press | Bgn | KzDocs
            | German => "e",
        },
        'ё' => match p {
            Bgn => "yë",
            Iso9 => "ë",
            German => "jo",
            French => "io",
            Icao | Loc => "e",
            _ => "yo",
        },
        'ж' => match p {
            Iso9 => "ž",
            German => "sch",
            French | Kz2017 | Kz2018 | Kz2021 => "j",
            _ => "zh",
        },
        'з' => match p {
            German if prev.is_none() || between_vowels => "s",
            _ => "z",
        },
        'и' => "i",
        'й' => match p {
            Iso9 => "j",
            German if prev.is_some_and(is_vowel) && next.is_none() => "j",
            Icao | Loc | French | German => "i",
            Kz2017 => "i'",
            Kz2018 => "ı",
            _ => "y",
        },
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => match p {
            French | German | KzDocs if between_vowels => "ss",
            _ => "s",
        },
        'т' => "t",
        'у' => match p {
            French => "ou",
            Kz2018 => "ý",
            _ => "u",
        },
        'ф' => "f",
        'х' => match p {
            Iso9 | Kz2017 | Kz2018 | Kz2021 => "h",
            German => "ch",
            _ => "kh",
        },
        'ц' => match p {
            Iso9 => "c",
            German => "z",
            _ => "ts",
        },
        'ч' => match p {
            Iso9 => "č",
            German => "tsch",
            French => "tch",
            Kz2017 => "c'",
            Kz2021 => "ç",
            _ => "ch",
        },
        'ш' => match p {
            Iso9 => "š",
            German => "sch",
            French => "ch",
            Kz2017 => "s'",
            Kz2021 => "ş",
            _ => "sh",
        },
        'щ' => match p {
            Iso9 => "ŝ",
            German => "schtsch",
            French => "chtch",
            _ => "shch",
        },
        'ъ' => match p {
            Icao => "ie",
            _ => "",
        },
        'ы' => "y",
        'ь' => "",
        'э' => match p {
            Iso9 => "è",
            _ => "e",
        },
        'ю' => match p {
            Iso9 => "û",
            German => "ju",
            French => "iou",
            Icao | Loc => "iu",
            _ => "yu",
        },
        'я' => match p {
            Iso9 => "â",
            German => "ja",
            French | Icao | Loc => "ia",
            _ => "ya",
        },
        // Kazakh letters.
        'ә' => match p {
            Bgn | Iso9 | Kz2021 => "ä",
            Kz2017 => "a'",
            Kz2018 => "á",
            _ => "a",
        },
        'ғ' => match p {
            Bgn => "gh",
            Iso9 => "ġ",
            Kz2017 => "g'",
            Kz2018 => "ǵ",
            Kz2021 => "ğ",
            _ => "g",
        },
        'қ' => match p {
            Bgn | Iso9 | Kz2017 | Kz2018 | Kz2021 => "q",
            _ => "k",
        },
        'ң' => match p {
            Kz2017 => "n'",
            Kz2018 => "ń",
            Kz2021 => "ñ",
            _ => "ng",
        },
        'ө' => match p {
            Bgn | Iso9 | Kz2021 => "ö",
            Kz2017 => "o'",
            Kz2018 => "ó",
            _ => "o",
        },
        'ұ' => match p {
            Bgn | Kz2021 => "ū",
            Iso9 => "ù",
            _ => "u",
        },
        'ү' => match p {
            Bgn | Iso9 | Kz2021 => "ü",
            Kz2017 => "u'",
            Kz2018 => "ú",
            _ => "u",
        },
        'һ' => "h",
        'і' => match p {
            Bgn => "ī",
            Iso9 => "ì",
            Kz2018 | Kz2021 => "ı",
            _ => "i",
        },
        _ => "",
    }
}

/// Word-final `-ий` in each system.
fn final_iy(p: Profile) -> &'static str {
    match p {
        Profile::Bgn | Profile::KzDocs => "iy",
        Profile::Icao | Profile::Loc => "ii",
        Profile::Press | Profile::German | Profile::French => "y",
        Profile::Iso9 => "ij",
        Profile::Kz2017 | Profile::Kz2018 | Profile::Kz2021 => "ii",
    }
}

/// Romanises a Cyrillic name with one profile. Non-Cyrillic characters are kept; each
/// word keeps its capitalisation.
pub fn romanize(name: &str, p: Profile) -> String {
    let chars: Vec<char> = name.chars().collect();
    let lower: Vec<char> = chars
        .iter()
        .map(|c| c.to_lowercase().next().unwrap_or(*c))
        .collect();
    let is_cyr = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
    // Whether each position lies in an all-capital Cyrillic word of two or more letters.
    let mut caps_word = vec![false; chars.len()];
    let mut w = 0;
    while w < chars.len() {
        let e = (w..chars.len())
            .find(|&k| !is_cyr(lower[k]))
            .unwrap_or(chars.len());
        let all_caps = e - w > 1 && chars[w..e].iter().all(|c| c.is_uppercase());
        for x in caps_word.iter_mut().take(e).skip(w) {
            *x = all_caps;
        }
        w = e.max(w + 1);
    }
    let mut out = String::with_capacity(name.len() * 2);
    let mut i = 0;
    while i < chars.len() {
        let c = lower[i];
        if !is_cyr(c) {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let prev = if i > 0 && is_cyr(lower[i - 1]) {
            Some(lower[i - 1])
        } else {
            None
        };
        let next = lower.get(i + 1).copied().filter(|n| is_cyr(*n));
        let (piece, used) =
            if c == 'и' && next == Some('й') && lower.get(i + 2).is_none_or(|n| !is_cyr(*n)) {
                (final_iy(p), 2)
            } else {
                (letter(p, prev, c, next), 1)
            };
        if caps_word[i] {
            out.extend(piece.chars().flat_map(char::to_uppercase));
        } else if chars[i] != c {
            // A capital letter: the first Latin letter of its romanisation is a capital.
            let mut cs = piece.chars();
            if let Some(f) = cs.next() {
                out.extend(f.to_uppercase());
                out.push_str(cs.as_str());
            }
        } else {
            out.push_str(piece);
        }
        i += used;
    }
    out
}

/// Every distinct romanisation of `name`, with the first profile that gives it.
pub fn variants(name: &str) -> Vec<(String, Profile)> {
    let mut out: Vec<(String, Profile)> = Vec::new();
    for &p in PROFILES {
        let v = romanize(name, p);
        if v != name && !v.is_empty() && !out.iter().any(|(x, _)| *x == v) {
            out.push((v, p));
        }
    }
    out
}

/// The forms of one Cyrillic name word in the five oblique Russian cases (genitive,
/// dative, accusative, instrumental, prepositional), or none if it does not decline.
fn word_cases(w: &str) -> Option<[String; 5]> {
    let stem = |n: usize| w.chars().take(w.chars().count() - n).collect::<String>();
    let l = w.to_lowercase();
    let hush = |s: &str| s.ends_with(['ж', 'ш', 'ч', 'щ', 'ц']);
    let f = |a: &str, b: &str, c: &str, d: &str, e: &str, cut: usize| {
        let st = stem(cut);
        Some([
            st.clone() + a,
            st.clone() + b,
            st.clone() + c,
            st.clone() + d,
            st + e,
        ])
    };
    if l.ends_with("улы") || l.ends_with("ұлы") || l.ends_with("кызы") || l.ends_with("қызы")
    {
        None
    } else if l.ends_with("ович") || l.ends_with("евич") {
        f("а", "у", "а", "ем", "е", 0)
    } else if l.ends_with("овна") || l.ends_with("евна") || l.ends_with("ична") {
        f("ы", "е", "у", "ой", "е", 1)
    } else if l.ends_with("ский") || l.ends_with("цкий") || l.ends_with("ской") {
        f("ого", "ому", "ого", "им", "ом", 2)
    } else if l.ends_with("ская") || l.ends_with("цкая") {
        f("ой", "ой", "ую", "ой", "ой", 2)
    } else if l.ends_with("ова")
        || l.ends_with("ева")
        || l.ends_with("ёва")
        || l.ends_with("ина")
        || l.ends_with("ына")
    {
        f("ой", "ой", "у", "ой", "ой", 1)
    } else if l.ends_with("ов")
        || l.ends_with("ев")
        || l.ends_with("ёв")
        || l.ends_with("ин")
        || l.ends_with("ын")
    {
        f("а", "у", "а", "ым", "е", 0)
    } else if l.ends_with("ий") {
        f("ия", "ию", "ия", "ием", "ии", 1)
    } else if l.ends_with('й') {
        f("я", "ю", "я", "ем", "е", 1)
    } else if l.ends_with('а') || l.ends_with('я') {
        let g = if stem(1)
            .to_lowercase()
            .ends_with(['г', 'к', 'х', 'ж', 'ш', 'ч', 'щ'])
            || l.ends_with('я')
        {
            "и"
        } else {
            "ы"
        };
        f(
            g,
            "е",
            if l.ends_with('я') { "ю" } else { "у" },
            if l.ends_with('я') { "ей" } else { "ой" },
            "е",
            1,
        )
    } else if l.ends_with(|c: char| "бвгджзклмнпрстфхцчшщ".contains(c)) {
        f("а", "у", "а", if hush(&l) { "ем" } else { "ом" }, "е", 0)
    } else {
        None
    }
}

/// Russian case forms of a Cyrillic person name (`Амин Елеусинов` → `Амина Елеусинова`,
/// `Амину Елеусинову`, ...): each case applied to every word that declines.
///
/// ```
/// use casefile::gazetteer::translit::declensions;
/// let d = declensions("Амин Елеусинов");
/// assert!(d.contains(&"Амина Елеусинова".to_string()));
/// assert!(declensions("Лариса Харькова").contains(&"Ларисы Харьковой".to_string()));
/// ```
pub fn declensions(name: &str) -> Vec<String> {
    if !name.chars().any(|c| ('\u{0400}'..='\u{04FF}').contains(&c)) {
        return Vec::new();
    }
    let words: Vec<&str> = name.split_whitespace().collect();
    let forms: Vec<Option<[String; 5]>> = words.iter().map(|w| word_cases(w)).collect();
    if forms.iter().all(Option::is_none) {
        return Vec::new();
    }
    let mut out: Vec<String> = Vec::new();
    for case in 0..5 {
        let v: Vec<String> = words
            .iter()
            .zip(&forms)
            .map(|(w, f)| {
                f.as_ref()
                    .map_or_else(|| (*w).to_string(), |f| f[case].clone())
            })
            .collect();
        let s = v.join(" ");
        if s != name && !out.contains(&s) {
            out.push(s);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(name: &str) -> Vec<String> {
        variants(name).into_iter().map(|(v, _)| v).collect()
    }

    #[test]
    fn seed_names_in_every_system() {
        assert_eq!(romanize("Кушакбаев", Profile::Bgn), "Kushakbayev");
        assert_eq!(romanize("Кушакбаев", Profile::Icao), "Kushakbaev");
        assert_eq!(romanize("Кушакбаев", Profile::French), "Kouchakbaev");
        assert_eq!(romanize("Кушакбаев", Profile::Iso9), "Kušakbaev");
        assert_eq!(romanize("Елеусинов", Profile::Press), "Yeleusinov");
        assert_eq!(romanize("Елеусинов", Profile::Icao), "Eleusinov");
        assert_eq!(romanize("Елеусинов", Profile::KzDocs), "Yeleussinov");
        assert_eq!(romanize("Елеусинов", Profile::German), "Jeleussinow");
        assert_eq!(romanize("Харькова", Profile::Bgn), "Kharkova");
        assert_eq!(romanize("Шымкент", Profile::French), "Chymkent");
        assert_eq!(romanize("Жанаозен", Profile::French), "Janaozen");
        assert_eq!(romanize("Жанаозен", Profile::Bgn), "Zhanaozen");
    }

    #[test]
    fn context_rules() {
        // -ий
        assert_eq!(romanize("Дмитрий", Profile::Bgn), "Dmitriy");
        assert_eq!(romanize("Дмитрий", Profile::Icao), "Dmitrii");
        assert_eq!(romanize("Дмитрий", Profile::Press), "Dmitry");
        assert_eq!(romanize("Дмитрий", Profile::Iso9), "Dmitrij");
        // е after a consonant stays e even in BGN.
        assert_eq!(romanize("Сейдахметова", Profile::Bgn), "Seydakhmetova");
        // Kazakh letters.
        assert_eq!(romanize("Жаңаөзен", Profile::Kz2021), "Jañaözen");
        assert_eq!(romanize("Жаңаөзен", Profile::Kz2017), "Jan'ao'zen");
        assert_eq!(romanize("Жаңаөзен", Profile::Kz2018), "Jańaózen");
        assert_eq!(romanize("Қазақстан", Profile::Kz2021), "Qazaqstan");
        assert_eq!(romanize("Қазақстан", Profile::Press), "Kazakstan");
        // Capitals.
        assert_eq!(romanize("ЕЛЕУСИНОВ", Profile::Bgn), "YELEUSINOV");
        assert_eq!(romanize("Нур-Султан", Profile::Bgn), "Nur-Sultan");
    }

    #[test]
    fn bounded_number_of_forms() {
        let v = all("Амин Елеусинов");
        assert!(v.len() <= PROFILES.len(), "{v:?}");
        assert!(v.contains(&"Amin Yeleusinov".to_string()));
        assert!(v.contains(&"Amin Eleusinov".to_string()));
        assert!(v.contains(&"Amin Eleoussinov".to_string()));
    }
}
