//! `casefile report --html`: one self-contained HTML page a researcher opens in a browser.
//!
//! Per person and organisation that events happen to: a timeline of its events in date
//! order (undated ones last), each with its date and how it was dated, its attributes
//! (terms, fines, charges), the acting authority and place, and every source with its
//! evidence sentence and a link. Events on which sources disagree are highlighted, with
//! each conflicting value and the sources that give it. An event dated only by the page
//! entry that reports it reads "no later than DATE". Everything shown is a display name
//! (entity names, event types, categories, how a date was found), never an internal key.
//!
//! A filter bar (one small inline script, no server, no external resources) narrows the
//! page by event type, category, date range and entity name; without scripts the whole
//! page shows. The same run gives the same bytes.

use crate::error::Result;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as esc};
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::Path;

/// What the page shows, read from a run's output directory.
pub struct ReportData {
    events: Vec<Value>,
    /// Entity id to (name, type).
    entities: HashMap<String, (String, String)>,
    /// Document id to its source's description.
    documents: HashMap<String, Source>,
}

/// What a timeline says of a source document.
#[derive(Clone)]
struct Source {
    title: String,
    url: Option<String>,
    path: String,
    author: Option<String>,
}

fn s<'a>(v: &'a Value, k: &str) -> &'a str {
    v.get(k).and_then(Value::as_str).unwrap_or("")
}

impl ReportData {
    /// Reads `events.jsonl`, `entities.jsonl` and `documents.jsonl` of a run.
    pub fn load(out: &Path) -> Result<Self> {
        let events = crate::emit::read_jsonl(&out.join("events.jsonl"))?;
        let entities = crate::emit::read_jsonl(&out.join("entities.jsonl"))?
            .into_iter()
            .map(|e| {
                (
                    s(&e, "entity_id").to_string(),
                    (s(&e, "name").to_string(), s(&e, "entity_type").to_string()),
                )
            })
            .collect();
        // Documents are streamed: only their titles, URLs and authors are kept.
        let mut documents = HashMap::new();
        crate::emit::each_jsonl(&out.join("documents.jsonl"), |d| {
            let title = match s(&d, "title") {
                "" => s(&d, "source").to_string(),
                t => t.to_string(),
            };
            documents.insert(
                s(&d, "doc_id").to_string(),
                Source {
                    title,
                    url: d.get("url").and_then(Value::as_str).map(str::to_string),
                    path: s(&d, "source").to_string(),
                    author: d.get("author").and_then(Value::as_str).map(str::to_string),
                },
            );
            Ok(())
        })?;
        Ok(ReportData {
            events,
            entities,
            documents,
        })
    }

    fn name(&self, id: &str) -> String {
        self.entities
            .get(id)
            .map(|(n, _)| n.clone())
            .unwrap_or_else(|| id.rsplit('/').next().unwrap_or(id).replace('-', " "))
    }

    fn kind(&self, id: &str) -> &str {
        match self.entities.get(id) {
            Some((_, t)) => t.as_str(),
            None if id.contains("person/") => "person",
            None if id.contains("org/") => "org",
            None => "other",
        }
    }
}

/// `P2Y6M` as `2 years 6 months`, `PT100H` as `100 hours`; other values unchanged.
pub fn human_duration(v: &str) -> String {
    let Some(rest) = v.strip_prefix('P') else {
        return v.to_string();
    };
    let mut out = Vec::new();
    let mut num = String::new();
    let mut time = false;
    for c in rest.chars() {
        match c {
            'T' => time = true,
            '0'..='9' | '.' => num.push(c),
            u => {
                let unit = match (u, time) {
                    ('Y', _) => "year",
                    ('M', false) => "month",
                    ('W', _) => "week",
                    ('D', _) => "day",
                    ('H', _) => "hour",
                    ('M', true) => "minute",
                    _ => return v.to_string(),
                };
                let plural = if num == "1" { "" } else { "s" };
                out.push(format!("{num} {unit}{plural}"));
                num.clear();
            }
        }
    }
    if out.is_empty() || !num.is_empty() {
        return v.to_string();
    }
    out.join(" ")
}

fn label(key: &str) -> String {
    key.replace('_', " ")
}

/// The ITUC Global Rights Index name of a category key.
pub fn category_name(key: &str) -> String {
    match key {
        "civil_liberties" => "Civil liberties".into(),
        "establish_join_unions" => "Right to establish or join unions".into(),
        "union_activities" => "Trade union activities".into(),
        "collective_bargaining" => "Collective bargaining".into(),
        "right_to_strike" => "Right to strike".into(),
        other => {
            let l = label(other);
            let mut c = l.chars();
            c.next()
                .map(|f| f.to_uppercase().chain(c).collect())
                .unwrap_or_default()
        }
    }
}

/// How an event's date was found (its `date_basis`), in words.
fn basis_text(key: &str) -> &'static str {
    match key {
        "clause" => "stated with the event",
        "sentence" => "stated in the sentence",
        "context" => "from the sentence before",
        "entry" => "date of the page entry reporting it: an upper bound",
        _ => "no date given",
    }
}

fn kind_text(kind: &str) -> &str {
    match kind {
        "org" => "organisation",
        k => k,
    }
}

fn value_text(v: &Value) -> String {
    match v {
        Value::String(x) => human_duration(x),
        Value::Array(a) => a.iter().map(value_text).collect::<Vec<_>>().join(", "),
        Value::Object(o) => {
            // A fine: {"amount": 1000, "currency": "KZT"} and the like.
            o.iter()
                .map(|(k, v)| format!("{} {}", label(k), value_text(v)))
                .collect::<Vec<_>>()
                .join(", ")
        }
        other => other.to_string(),
    }
}

const STYLE: &str = r#"
:root { --line: #1f6feb; --conflict: #d1242f; --muted: #57606a; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #fff; }
header { padding: 18px 32px; background: #f6f8fa; border-bottom: 1px solid #d0d7de; }
header h1 { margin: 0 0 4px; font-size: 22px; }
header p { margin: 0; color: var(--muted); }
nav { padding: 12px 32px; border-bottom: 1px solid #d0d7de; columns: 3 260px; }
nav a { display: block; color: var(--line); text-decoration: none; }
nav a .n { color: var(--muted); }
nav a.has-conflict::after { content: " \25CF"; color: var(--conflict); }
main { padding: 8px 32px 40px; max-width: 1100px; }
section.entity { margin-top: 28px; }
section.entity h2 { margin: 0; font-size: 19px; }
section.entity .id { color: var(--muted); font: 12px ui-monospace, monospace; }
ol.timeline { list-style: none; margin: 12px 0 0; padding: 0 0 0 26px; border-left: 4px solid var(--line); }
li.event { position: relative; margin: 0 0 14px; padding: 8px 12px; border: 1px solid #d0d7de; border-radius: 6px; }
li.event::before { content: ""; position: absolute; left: -38px; top: 12px; width: 16px; height: 16px; border-radius: 50%; background: var(--line); border: 3px solid #fff; }
li.event.conflict { border: 2px solid var(--conflict); background: #fff5f5; }
li.event.conflict::before { background: var(--conflict); }
.date { font-weight: 600; font-variant-numeric: tabular-nums; }
.basis { color: var(--muted); font-size: 12px; }
.type { font-weight: 600; text-transform: capitalize; }
.badge { display: inline-block; font-size: 11px; padding: 0 6px; border-radius: 10px; background: #eaeef2; color: #1f2328; margin-left: 6px; }
.badge.contested { background: #fff8c5; }
.badge.conflict { background: var(--conflict); color: #fff; }
dl.attrs { margin: 6px 0 0; display: grid; grid-template-columns: max-content 1fr; gap: 0 12px; }
dl.attrs dt { color: var(--muted); }
dl.attrs dd { margin: 0; }
div.conflicts { margin-top: 8px; padding: 6px 10px; border-left: 4px solid var(--conflict); background: #ffebe9; }
div.conflicts h4 { margin: 0 0 4px; font-size: 13px; color: var(--conflict); }
div.conflicts ul { margin: 0; padding-left: 18px; }
details.sources { margin-top: 6px; }
details.sources summary { cursor: pointer; color: var(--muted); font-size: 13px; }
details.sources blockquote { margin: 6px 0 6px 8px; padding-left: 10px; border-left: 3px solid #d0d7de; color: #24292f; }
details.sources .src { font-size: 12px; color: var(--muted); }
mark { background: #fff1a8; }
.bound { font-weight: 600; color: var(--muted); }
.category { font-size: 12px; color: var(--muted); }
form#filters { position: sticky; top: 0; z-index: 1; display: flex; flex-wrap: wrap; gap: 6px 14px; align-items: center; padding: 8px 32px; background: #fff; border-bottom: 1px solid #d0d7de; font-size: 13px; }
form#filters output { color: var(--muted); }
.filtered-out { display: none !important; }
"#;

/// Filters the page by the filter bar's fields (preset from the address: `#type=arrest&
/// from=2019&entity=kharkova`, which follows the fields). A date bound compares as far as both
/// dates go (`2017` is within `2017-03`); an event dated "no later than D" matches a
/// range it may fall in (D not before its start); undated events show only without a
/// date bound. Entity names compare without case and accents.
const SCRIPT: &str = r##"
(function () {
  var form = document.getElementById('filters');
  if (!form) return;
  form.hidden = false;
  var fold = function (t) { return t.normalize('NFD').replace(/[̀-ͯ]/g, '').toLowerCase(); };
  var cmp = function (a, b) { var n = Math.min(a.length, b.length); var x = a.slice(0, n), y = b.slice(0, n); return x < y ? -1 : x > y ? 1 : 0; };
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.entity'));
  var total = document.querySelectorAll('li.event').length;
  function apply() {
    var type = form.elements.type.value, cat = form.elements.category.value;
    var from = form.elements.from.value.trim(), to = form.elements.to.value.trim();
    var who = fold(form.elements.entity.value.trim());
    var shown = 0;
    sections.forEach(function (sec) {
      var nameOk = !who || fold(sec.getAttribute('data-name') || '').indexOf(who) >= 0;
      var any = false;
      sec.querySelectorAll('li.event').forEach(function (li) {
        var d = li.getAttribute('data-date'), upper = li.getAttribute('data-basis') === 'entry';
        var ok = nameOk && (!type || li.getAttribute('data-type') === type)
          && (!cat || li.getAttribute('data-category') === cat);
        if (ok && (from || to)) {
          if (!d) ok = false;
          else if (from && cmp(d, from) < 0) ok = false;
          else if (to && !upper && cmp(d, to) > 0) ok = false;
        }
        li.classList.toggle('filtered-out', !ok);
        if (ok) { any = true; shown++; }
      });
      sec.classList.toggle('filtered-out', !any);
      var link = document.querySelector('nav a[href="#' + sec.id + '"]');
      if (link) link.classList.toggle('filtered-out', !any);
    });
    var out = document.getElementById('shown');
    if (out) out.textContent = shown === total ? '' : shown + ' of ' + total + ' event entries shown';
  }
  var names = ['type', 'category', 'from', 'to', 'entity'];
  // Filters from the address (#type=arrest&from=2019): a filtered view can be linked.
  function fromHash() {
    var h = location.hash.slice(1);
    if (h.indexOf('=') < 0) return;
    h.split('&').forEach(function (kv) {
      var i = kv.indexOf('='), k = decodeURIComponent(kv.slice(0, i));
      if (names.indexOf(k) >= 0) form.elements[k].value = decodeURIComponent(kv.slice(i + 1).replace(/\+/g, ' '));
    });
  }
  function toHash() {
    var parts = names.filter(function (k) { return form.elements[k].value; })
      .map(function (k) { return k + '=' + encodeURIComponent(form.elements[k].value); });
    if (history.replaceState && (parts.length || location.hash.indexOf('=') >= 0)) {
      history.replaceState(null, '', parts.length ? '#' + parts.join('&') : location.pathname);
    }
  }
  var update = function () { apply(); toHash(); };
  form.addEventListener('input', update);
  form.addEventListener('change', update);
  form.addEventListener('reset', function () { setTimeout(update, 0); });
  form.addEventListener('submit', function (e) { e.preventDefault(); });
  fromHash();
  apply();
})();
"##;

/// Renders the whole page.
pub fn render(data: &ReportData) -> String {
    // Events per subject (every subject, not only the main one).
    let mut by: BTreeMap<String, Vec<&Value>> = BTreeMap::new();
    for e in &data.events {
        for sub in e
            .get("subjects")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            by.entry(sub.to_string()).or_default().push(e);
        }
    }
    let mut subjects: Vec<(String, Vec<&Value>)> = by
        .into_iter()
        .filter(|(id, _)| matches!(data.kind(id), "person" | "org"))
        .collect();
    // Persons first, then organisations; by name.
    subjects.sort_by(|a, b| {
        (
            data.kind(&a.0) != "person",
            data.name(&a.0).to_lowercase(),
            &a.0,
        )
            .cmp(&(
                data.kind(&b.0) != "person",
                data.name(&b.0).to_lowercase(),
                &b.0,
            ))
    });
    let has_conflict = |e: &Value| {
        e.get("conflicts")
            .and_then(Value::as_object)
            .is_some_and(|c| !c.is_empty())
    };
    let n_conflicts = data.events.iter().filter(|e| has_conflict(e)).count();
    let mut h = String::new();
    h.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    h.push_str("<title>casefile report: case timelines</title>\n<style>");
    h.push_str(STYLE);
    h.push_str("</style>\n</head>\n<body>\n<header>\n<h1>Case timelines</h1>\n");
    let _ = writeln!(
        h,
        "<p>{} events about {} persons and organisations, from {} documents; {} with conflicting sources (highlighted in red).</p>\n</header>",
        data.events.len(),
        subjects.len(),
        data.documents.len(),
        n_conflicts
    );
    filter_bar(&mut h, &data.events);
    h.push_str("<nav aria-label=\"Persons and organisations\">\n");
    for (id, evs) in &subjects {
        let cls = if evs.iter().any(|e| has_conflict(e)) {
            " class=\"has-conflict\""
        } else {
            ""
        };
        let _ = writeln!(
            h,
            "<a href=\"#{}\"{cls}>{} <span class=\"n\">({})</span></a>",
            attr(&anchor(id)),
            esc(&data.name(id)),
            evs.len()
        );
    }
    h.push_str("</nav>\n<main>\n");
    for (id, mut evs) in subjects {
        evs.sort_by_key(|e| sort_key(e));
        let _ = writeln!(
            h,
            "<section class=\"entity {}\" id=\"{}\" data-name=\"{}\">\n<h2>{}</h2>\n<div class=\"id\" title=\"{}\">{}</div>\n<ol class=\"timeline\">",
            attr(data.kind(&id)),
            attr(&anchor(&id)),
            attr(&data.name(&id)),
            esc(&data.name(&id)),
            attr(&id),
            esc(kind_text(data.kind(&id)))
        );
        for e in evs {
            render_event(&mut h, data, e, &id);
        }
        h.push_str("</ol>\n</section>\n");
    }
    h.push_str("</main>\n<script>");
    h.push_str(SCRIPT);
    h.push_str("</script>\n</body>\n</html>\n");
    h
}

/// The filter bar: event type, category, date range, entity name. Hidden until the script
/// shows it (without scripts every event shows).
fn filter_bar(h: &mut String, events: &[Value]) {
    let mut types: Vec<&str> = events.iter().map(|e| s(e, "event_type")).collect();
    types.sort_unstable();
    types.dedup();
    let mut cats: Vec<&str> = events.iter().map(|e| s(e, "category")).collect();
    cats.sort_unstable();
    cats.dedup();
    h.push_str("<form id=\"filters\" hidden role=\"search\" aria-label=\"Filter events\">\n");
    h.push_str("<label>Type <select name=\"type\"><option value=\"\">any</option>");
    for t in types.iter().filter(|t| !t.is_empty()) {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            attr(t),
            esc(&label(t))
        );
    }
    h.push_str("</select></label>\n<label>Category <select name=\"category\"><option value=\"\">any</option>");
    for c in cats.iter().filter(|c| !c.is_empty()) {
        let _ = write!(
            h,
            "<option value=\"{}\">{}</option>",
            attr(c),
            esc(&category_name(c))
        );
    }
    h.push_str("</select></label>\n");
    h.push_str("<label>From <input name=\"from\" placeholder=\"YYYY[-MM[-DD]]\" size=\"11\" pattern=\"\\d{4}(-\\d{2}){0,2}\"></label>\n");
    h.push_str("<label>To <input name=\"to\" placeholder=\"YYYY[-MM[-DD]]\" size=\"11\" pattern=\"\\d{4}(-\\d{2}){0,2}\"></label>\n");
    h.push_str("<label>Person or organisation <input name=\"entity\" type=\"search\" size=\"22\"></label>\n");
    h.push_str("<button type=\"reset\">Clear</button> <output id=\"shown\"></output>\n</form>\n");
}

fn anchor(id: &str) -> String {
    id.replace('/', "-")
}

/// Dated events in date order, undated ones last; ties by type and id.
fn sort_key(e: &Value) -> (bool, String, String, String) {
    let date = e
        .get("date")
        .and_then(|d| d.get("value"))
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    (
        date.is_empty(),
        date,
        s(e, "event_type").to_string(),
        s(e, "event_id").to_string(),
    )
}

fn render_event(h: &mut String, data: &ReportData, e: &Value, subject: &str) {
    let conflicts = e.get("conflicts").and_then(Value::as_object);
    let conflicted = conflicts.is_some_and(|c| !c.is_empty());
    let value = e
        .get("date")
        .and_then(|d| d.get("value"))
        .and_then(Value::as_str);
    let basis = s(e, "date_basis");
    let bound = if value.is_some() && basis == "entry" {
        "<span class=\"bound\">no later than</span> "
    } else {
        ""
    };
    let _ = write!(
        h,
        "<li class=\"event{}\" id=\"{}-{}\" data-type=\"{}\" data-category=\"{}\" data-date=\"{}\" data-basis=\"{}\">\n{bound}<span class=\"date\">{}</span> <span class=\"basis\">({})</span> &mdash; <span class=\"type\">{}</span> <span class=\"category\">{}</span>",
        if conflicted { " conflict" } else { "" },
        attr(&anchor(subject)),
        attr(s(e, "event_id")),
        attr(s(e, "event_type")),
        attr(s(e, "category")),
        attr(value.unwrap_or("")),
        attr(basis),
        esc(value.unwrap_or("undated")),
        esc(basis_text(basis)),
        esc(&label(s(e, "event_type"))),
        esc(&category_name(s(e, "category")))
    );
    if s(e, "modality") == "contested" {
        h.push_str("<span class=\"badge contested\" title=\"the source disputes its basis\">contested</span>");
    }
    if conflicted {
        h.push_str("<span class=\"badge conflict\">sources disagree</span>");
    }
    h.push('\n');
    let mut rows: Vec<(String, String)> = Vec::new();
    let others: Vec<String> = e
        .get("subjects")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .filter(|x| *x != subject)
        .map(|x| data.name(x))
        .collect();
    if !others.is_empty() {
        rows.push(("with".into(), others.join(", ")));
    }
    if let Some(a) = e.get("authority").filter(|a| !a.is_null()) {
        let who = a
            .get("entity_id")
            .and_then(Value::as_str)
            .map(|id| data.name(id))
            .unwrap_or_else(|| label(s(a, "kind")));
        rows.push(("authority".into(), who));
    }
    if let Some(p) = e.get("place").and_then(Value::as_str) {
        rows.push(("place".into(), data.name(p)));
    }
    for (k, v) in e
        .get("attributes")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        rows.push((label(k), value_text(v)));
    }
    if !rows.is_empty() {
        h.push_str("<dl class=\"attrs\">");
        for (k, v) in rows {
            let _ = write!(h, "<dt>{}</dt><dd>{}</dd>", esc(&k), esc(&v));
        }
        h.push_str("</dl>\n");
    }
    if let Some(c) = conflicts.filter(|c| !c.is_empty()) {
        h.push_str("<div class=\"conflicts\"><h4>Sources disagree</h4><ul>");
        for (k, values) in c {
            for v in values.as_array().into_iter().flatten() {
                let srcs: Vec<String> = v
                    .get("sources")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .map(|x| {
                        data.documents
                            .get(s(x, "doc_id"))
                            .map_or(s(x, "doc_id").to_string(), |d| d.title.clone())
                    })
                    .collect();
                let _ = write!(
                    h,
                    "<li><b>{}</b>: {} &larr; {}</li>",
                    esc(&label(k)),
                    esc(&value_text(v.get("value").unwrap_or(&Value::Null))),
                    esc(&srcs.join("; "))
                );
            }
        }
        h.push_str("</ul></div>\n");
    }
    let sources: Vec<&Value> = e
        .get("sources")
        .and_then(Value::as_array)
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let _ = write!(
        h,
        "<details class=\"sources\"><summary>{} source{}</summary>",
        sources.len(),
        if sources.len() == 1 { "" } else { "s" }
    );
    for x in sources {
        let Source {
            title,
            url,
            path,
            author,
        } = data
            .documents
            .get(s(x, "doc_id"))
            .cloned()
            .unwrap_or_else(|| Source {
                title: s(x, "doc_id").to_string(),
                url: None,
                path: String::new(),
                author: None,
            });
        let evidence = s(x, "evidence");
        let trigger = s(x, "trigger");
        let quoted = match evidence.find(trigger).filter(|_| !trigger.is_empty()) {
            Some(i) => format!(
                "{}<mark>{}</mark>{}",
                esc(&evidence[..i]),
                esc(trigger),
                esc(&evidence[i + trigger.len()..])
            ),
            None => esc(evidence).to_string(),
        };
        let _ = write!(h, "<blockquote>{quoted}</blockquote><div class=\"src\">");
        match url {
            Some(u) => {
                let _ = write!(h, "<a href=\"{}\">{}</a>", attr(&u), esc(&title));
            }
            None => h.push_str(&esc(&title)),
        }
        if let Some(a) = author {
            let _ = write!(h, " &middot; by {}", esc(&a));
        }
        let published = s(x, "published");
        let _ = write!(
            h,
            " &middot; {}{} &middot; chars {}-{}</div>",
            esc(&path),
            if published.is_empty() {
                String::new()
            } else {
                format!(" &middot; published {}", esc(published))
            },
            x.get("start").and_then(Value::as_u64).unwrap_or(0),
            x.get("end").and_then(Value::as_u64).unwrap_or(0)
        );
    }
    h.push_str("</details>\n</li>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_read_as_words() {
        assert_eq!(human_duration("P2Y6M"), "2 years 6 months");
        assert_eq!(human_duration("PT100H"), "100 hours");
        assert_eq!(human_duration("P1Y"), "1 year");
        assert_eq!(human_duration("2017-07-25"), "2017-07-25");
        assert_eq!(human_duration("PX"), "PX");
    }
}
