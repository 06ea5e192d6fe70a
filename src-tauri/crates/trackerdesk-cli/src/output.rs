//! How results look on a terminal.

use callrail::{format_number, Account, Company, Tracker, TrackerType};
use serde::Serialize;

/// JSON: indented for a person on a terminal, compact for a program reading a pipe or a file.
pub fn json<T: Serialize>(value: &T) -> String {
    let written = if piped() {
        serde_json::to_string(value)
    } else {
        serde_json::to_string_pretty(value)
    };
    written.unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// A large JSON value written straight to standard output, compact when piped, with no copy of its
/// text held in memory. A closed pipe (`| head`) ends the writing quietly.
pub fn write_json<T: Serialize>(value: &T) {
    use std::io::Write;
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let written = if piped() {
        serde_json::to_writer(&mut out, value)
    } else {
        serde_json::to_writer_pretty(&mut out, value)
    };
    let _ = written
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
}

/// Whether standard output goes to a program or a file rather than a terminal.
pub fn piped() -> bool {
    !std::io::IsTerminal::is_terminal(&std::io::stdout())
}

/// JSON text as it is: its strings escape every control character, so nothing in it can reach a
/// terminal as an escape sequence, and nothing is dropped from what a program reads.
pub fn say_json(text: &str) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"));
}

/// Left-aligned columns, as wide as their widest cell.
pub fn table(header: &[&str], rows: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<width$}", width = *w))
            .collect();
        padded.join("  ").trim_end().to_owned()
    };
    let mut out = vec![line(header.to_vec())];
    out.extend(
        rows.iter()
            .map(|r| line(r.iter().map(String::as_str).collect())),
    );
    out.join("\n")
}

pub fn accounts(accounts: &[Account]) -> String {
    let rows = accounts
        .iter()
        .map(|a| vec![a.id.clone(), a.name.clone()])
        .collect::<Vec<_>>();
    table(&["ID", "NAME"], &rows)
}

pub fn companies(companies: &[Company]) -> String {
    let rows = companies
        .iter()
        .map(|c| {
            vec![
                c.id.clone(),
                c.name.clone(),
                c.status.clone().unwrap_or_default(),
                c.time_zone.clone().unwrap_or_default(),
            ]
        })
        .collect::<Vec<_>>();
    table(&["ID", "NAME", "STATUS", "TIME ZONE"], &rows)
}

/// "(404) 555-1000" for a source tracker; "(404) 555-1000 +7 (pool of 8)" for a pool.
pub fn numbers(t: &Tracker) -> String {
    let formatted = t.formatted_numbers();
    match (formatted.first(), t.is_pool()) {
        (None, _) => "none".to_owned(),
        (Some(first), false) => first.clone(),
        (Some(first), true) => format!(
            "{first} +{} (pool of {})",
            formatted.len() - 1,
            t.pool_size()
        ),
    }
}

fn kind(t: &Tracker) -> &'static str {
    match t.kind {
        TrackerType::Source => "source",
        TrackerType::Session => "session",
        TrackerType::Other => "other",
    }
}

fn status(t: &Tracker) -> &'static str {
    if t.is_active() {
        "active"
    } else {
        "disabled"
    }
}

pub fn trackers(trackers: &[Tracker]) -> String {
    let rows = trackers
        .iter()
        .map(|t| {
            vec![
                t.id.clone(),
                t.name.clone(),
                kind(t).to_owned(),
                numbers(t),
                t.destination().map(format_number).unwrap_or_default(),
                t.source.as_ref().map(|s| s.describe()).unwrap_or_default(),
                if t.recording_enabled() { "yes" } else { "no" }.to_owned(),
                status(t).to_owned(),
            ]
        })
        .collect::<Vec<_>>();
    table(
        &[
            "ID",
            "NAME",
            "TYPE",
            "NUMBERS",
            "DESTINATION",
            "SOURCE",
            "RECORDED",
            "STATUS",
        ],
        &rows,
    )
}

pub fn tracker(t: &Tracker) -> String {
    let mut lines = vec![
        format!("{} ({})", t.name, t.id),
        format!("  type:         {}", kind(t)),
        format!("  status:       {}", status(t)),
    ];
    if let Some(company) = &t.company {
        lines.push(format!(
            "  company:      {} ({})",
            company.name.as_deref().unwrap_or(""),
            company.id
        ));
    }
    lines.push(format!(
        "  numbers:      {}",
        if t.tracking_numbers.is_empty() {
            "none".to_owned()
        } else {
            t.formatted_numbers().join(", ")
        }
    ));
    if t.is_pool() {
        lines.push(format!("  pool size:    {}", t.pool_size()));
    }
    lines.push(format!(
        "  destination:  {}",
        t.destination().map(format_number).unwrap_or_default()
    ));
    lines.push(format!(
        "  recording:    {}",
        if t.recording_enabled() { "on" } else { "off" }
    ));
    match &t.call_flow {
        Some(callrail::CallFlow::Basic(flow)) => {
            if let Some(g) = &flow.greeting_text {
                lines.push(format!("  greeting:     {g}"));
            }
        }
        Some(callrail::CallFlow::Advanced(flow)) => {
            lines.push(format!(
                "  call flow:    advanced, {} steps (edit it in CallRail)",
                flow.steps.len()
            ));
        }
        _ => {}
    }
    if let Some(w) = &t.whisper_message {
        lines.push(format!("  whisper:      {w}"));
    }
    if let Some(source) = &t.source {
        lines.push(format!("  source:       {}", source.describe()));
    }
    lines.push(format!(
        "  sms:          {}",
        if t.sms_enabled { "on" } else { "off" }
    ));
    if let Some(targets) = &t.swap_targets {
        lines.push(format!("  swap targets: {}", targets.join(", ")));
    }
    if let Some(c) = &t.campaign_name {
        lines.push(format!("  campaign:     {c}"));
    }
    if let Some(c) = &t.created_at {
        lines.push(format!("  created:      {c}"));
    }
    if let Some(d) = &t.disabled_at {
        lines.push(format!("  disabled:     {d}"));
    }
    lines.join("\n")
}

/// A bulk plan: a line per row that does something (or cannot), then the summary.
pub fn plan(plan: &bulk::Plan) -> String {
    let rows: Vec<Vec<String>> = plan
        .rows
        .iter()
        .filter(|r| r.action != bulk::Action::Unchanged)
        .map(|r| {
            let what = if r.errors.is_empty() {
                r.diff.join(", ")
            } else {
                r.errors
                    .iter()
                    .map(|e| format!("{}: {}", e.column, e.message))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            vec![
                r.line.to_string(),
                format!("{:?}", r.action).to_lowercase(),
                r.tracker_id.clone().unwrap_or_default(),
                r.name.clone(),
                what,
            ]
        })
        .collect();
    let s = &plan.summary;
    format!(
        "{}\n{} to create, {} to update, {} to disable, {} unchanged, {} with errors\n\
         buys {} number(s) (${:.2} a month more), releases {} (${:.2} a month less)\n\
         needs {} request(s) ({} left for bulk work this hour): about {} minute(s) of waiting on CallRail's limits",
        table(
            &["LINE", "ACTION", "TRACKER", "NAME", "CHANGES OR ERRORS"],
            &rows
        ),
        s.create,
        s.update,
        s.disable,
        s.unchanged,
        s.errors,
        s.numbers_bought,
        s.monthly_added,
        s.numbers_released,
        s.monthly_saved,
        s.requests,
        s.requests_left_this_hour,
        s.minutes_at_quota
    )
}

/// A progress bar on standard error, drawn only when it is a terminal: rows done of all, and the
/// time left at the pace so far.
pub struct Progress {
    total: u32,
    started: std::time::Instant,
    first_done: u32,
    terminal: bool,
}

impl Progress {
    pub fn new(total: u32, already_done: u32) -> Self {
        Self {
            total,
            started: std::time::Instant::now(),
            first_done: already_done,
            terminal: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        }
    }

    /// Redraws the bar with `done` rows settled and a note (what waits, say).
    pub fn show(&self, done: u32, note: &str) {
        if !self.terminal || self.total == 0 {
            return;
        }
        let width = 30;
        let filled = (done.min(self.total) * width / self.total) as usize;
        let this_run = done.saturating_sub(self.first_done);
        let eta = if this_run == 0 {
            "ETA --".to_owned()
        } else {
            let per_row = self.started.elapsed().as_secs_f64() / f64::from(this_run);
            let left = per_row * f64::from(self.total.saturating_sub(done));
            format!("ETA {}", duration(left))
        };
        eprint!(
            "\r\x1b[2K[{}{}] {done}/{} rows  {eta}  {}",
            "#".repeat(filled),
            "-".repeat(width as usize - filled),
            self.total,
            clean(note)
        );
    }

    /// Ends the bar's line, so what follows starts on its own.
    pub fn finish(&self) {
        if self.terminal {
            eprintln!();
        }
    }
}

/// Seconds as "1h 02m", "3m 20s" or "12s".
pub fn duration(secs: f64) -> String {
    let s = secs.max(0.0).round() as u64;
    match s {
        0..=59 => format!("{s}s"),
        60..=3599 => format!("{}m {:02}s", s / 60, s % 60),
        _ => format!("{}h {:02}m", s / 3600, s % 3600 / 60),
    }
}

/// Prints to standard output, [`clean`].
pub fn say(text: &str) {
    println!("{}", clean(text));
}

/// Prints to standard error, [`clean`].
pub fn tell(text: &str) {
    eprintln!("{}", clean(text));
}

/// Text as it is safe to print on a terminal: line breaks kept, every other control character (and
/// with it the start of any escape sequence) and every invisible or text-direction character
/// dropped, whatever CallRail sent in a name.
pub fn clean(s: &str) -> String {
    s.chars()
        .filter(|&c| c == '\n' || !(c.is_control() || callrail::rules::is_invisible(c)))
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn escape_sequences_and_direction_marks_never_reach_the_terminal() {
        assert_eq!(
            super::clean("Bill\u{1b}[2J\u{1b}]0;owned\u{7}board\u{202E}\nnext\u{9b}31m"),
            "Bill[2J]0;ownedboard\nnext31m"
        );
    }
}
