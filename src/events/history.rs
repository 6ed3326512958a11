//! Case histories: the events of one entity from `events.jsonl`, as a readable timeline.
//!
//! ```
//! use casefile::events::history::render;
//! use serde_json::json;
//! let ev = json!({"event_type": "sentence", "subjects": ["person/k"], "category": "civil_liberties",
//!     "date": {"value": "2017-04-07", "precision": "day"}, "modality": "asserted",
//!     "authority": null, "attributes": {"prison_term": "P2Y6M"}, "conflicts": {},
//!     "sources": [{"doc_id": "d1"}]});
//! let h = render("person/k", &[ev]);
//! assert!(h.contains("2017-04-07  sentence"));
//! assert!(h.contains("prison_term=P2Y6M"));
//! ```

use serde_json::Value;
use std::fmt::Write;

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(a) => a.iter().map(scalar).collect::<Vec<_>>().join(", "),
        Value::Object(o) if o.contains_key("amount") => format!(
            "{} {}",
            o.get("amount").map(scalar).unwrap_or_default(),
            o.get("currency").map(scalar).unwrap_or_default()
        ),
        other => other.to_string(),
    }
}

/// How [`render_with`] shows a history.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Display names by entity id: the heading and acting bodies by name, id after.
    pub names: std::collections::HashMap<String, String>,
    /// Each source's evidence sentence and URL under its event.
    pub evidence: bool,
}

/// How an event's date reads: an entry-dated event (`date_basis` `entry`: the date of
/// the page entry that reports it) happened no later than that date.
pub fn date_label(e: &Value) -> String {
    match e["date"]["value"].as_str() {
        Some(d) if e["date_basis"] == "entry" => format!("no later than {d}"),
        Some(d) => d.to_string(),
        None => "undated".to_string(),
    }
}

/// The case history of `entity_id`: every event record (as emitted in `events.jsonl`)
/// of which it is the subject (a co-subject's record only when it has none of its own of
/// that type and date), in date order (undated last), one block per event with its
/// attributes, conflicts and number of sources.
pub fn render(entity_id: &str, events: &[Value]) -> String {
    render_with(entity_id, events, &Options::default())
}

/// [`render`] with display names and, if asked, the evidence of each source.
pub fn render_with(entity_id: &str, events: &[Value], opts: &Options) -> String {
    // An event of several people is each one's own record, its subject first (see
    // `merge::per_subject`): the entity's are those; another's record that names it as a
    // co-subject is shown only when the entity has no record of that type and date.
    let first = |e: &Value| e["subjects"][0] == entity_id;
    let own: std::collections::HashSet<(&Value, &Value)> = events
        .iter()
        .filter(|e| first(e))
        .map(|e| (&e["event_type"], &e["date"]["value"]))
        .collect();
    let mut evs: Vec<&Value> = events
        .iter()
        .filter(|e| {
            first(e)
                || (e["subjects"]
                    .as_array()
                    .is_some_and(|s| s.iter().any(|x| x == entity_id))
                    && !own.contains(&(&e["event_type"], &e["date"]["value"])))
        })
        .collect();
    evs.sort_by_key(|e| {
        (
            e["date"]["value"]
                .as_str()
                .map_or("9999", |d| d)
                .to_string(),
            e["event_type"].as_str().unwrap_or("").to_string(),
        )
    });
    let mut out = match opts.names.get(entity_id) {
        Some(n) => format!("# {n} ({entity_id})\n"),
        None => format!("# {entity_id}\n"),
    };
    for e in evs {
        let date = date_label(e);
        let _ = write!(
            out,
            "{date:<10}  {} [{}]",
            e["event_type"].as_str().unwrap_or("?"),
            e["category"].as_str().unwrap_or("?")
        );
        if e["modality"] == "contested" {
            out.push_str(" contested");
        }
        if let Some(a) = e["authority"].as_object() {
            let _ = write!(out, " by {}", a.get("kind").map(scalar).unwrap_or_default());
            if let Some(id) = a.get("entity_id").and_then(Value::as_str) {
                match opts.names.get(id) {
                    Some(n) => {
                        let _ = write!(out, " {n} ({id})");
                    }
                    None => {
                        let _ = write!(out, " {id}");
                    }
                }
            }
        }
        let n = e["sources"].as_array().map_or(0, Vec::len);
        let _ = writeln!(out, " ({n} source{})", if n == 1 { "" } else { "s" });
        if let Some(a) = e["attributes"].as_object().filter(|a| !a.is_empty()) {
            let parts: Vec<String> = a
                .iter()
                .map(|(k, v)| format!("{k}={}", scalar(v)))
                .collect();
            let _ = writeln!(out, "            {}", parts.join("; "));
        }
        for (k, vs) in e["conflicts"].as_object().into_iter().flatten() {
            let alts: Vec<String> = vs
                .as_array()
                .into_iter()
                .flatten()
                .map(|c| {
                    let docs: Vec<String> = c["sources"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .filter_map(|s| s["doc_id"].as_str().map(str::to_string))
                        .collect();
                    format!("{} ({})", scalar(&c["value"]), docs.join(", "))
                })
                .collect();
            let _ = writeln!(out, "            conflict {k}: {}", alts.join(" | "));
        }
        if opts.evidence {
            for src in e["sources"].as_array().into_iter().flatten() {
                let _ = writeln!(
                    out,
                    "            > {}",
                    src["evidence"].as_str().unwrap_or("").trim()
                );
                let _ = writeln!(
                    out,
                    "              {} (doc {}{})",
                    src["url"].as_str().unwrap_or("no url"),
                    src["doc_id"].as_str().unwrap_or("?"),
                    src["published"]
                        .as_str()
                        .map(|p| format!(", published {p}"))
                        .unwrap_or_default()
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn event(kind: &str, date: &str, subjects: &[&str]) -> Value {
        json!({"event_type": kind, "subjects": subjects, "category": "civil_liberties",
               "date": {"value": date}, "sources": [{}]})
    }

    #[test]
    fn an_event_of_two_people_is_listed_once_in_each_history() {
        let events = vec![
            event(
                "arrest",
                "2021-05-03",
                &["person/tomas-varga", "person/ilse-borand"],
            ),
            event(
                "arrest",
                "2021-05-03",
                &["person/ilse-borand", "person/tomas-varga"],
            ),
            // Only recorded with Ilse Borand first: it is Tomas Varga's too.
            event(
                "trial",
                "2021-09-01",
                &["person/ilse-borand", "person/tomas-varga"],
            ),
        ];
        let h = render("person/tomas-varga", &events);
        assert_eq!(h.matches("arrest").count(), 1, "{h}");
        assert_eq!(h.matches("trial").count(), 1, "{h}");
        let h = render("person/ilse-borand", &events);
        assert_eq!(h.matches("arrest").count(), 1, "{h}");
    }
}
