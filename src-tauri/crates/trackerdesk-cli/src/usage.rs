//! `trackerdesk usage`: what each client's numbers cost, and which ones nobody calls.

use crate::args::UsageArgs;
use crate::commands::{Ctx, Out};
use crate::output;
use crate::Failure;
use desk_core::usage::{dollars, UsageReport};
use desk_core::UsageStep;
use std::fmt::Write as _;

impl Ctx {
    pub(crate) async fn usage(&self, args: UsageArgs) -> Out {
        let account = self.account().await?;
        if args.local_price.is_some() || args.toll_free_price.is_some() {
            let mut prices = self.desk.usage_prices()?;
            prices.local = args.local_price.unwrap_or(prices.local);
            prices.toll_free = args.toll_free_price.unwrap_or(prices.toll_free);
            self.desk.set_usage_prices(prices)?;
        }
        for given in &args.visitors {
            let (tracker, n) = given
                .split_once('=')
                .and_then(|(t, n)| Some((t.trim(), n.trim().replace(',', "").parse::<u32>().ok()?)))
                .ok_or_else(|| {
                    Failure::Input(format!(
                        "--visitors takes TRK=N, such as TRK123=12000 (got {given:?})"
                    ))
                })?;
            self.desk
                .set_pool_visitors(&account, tracker, (n > 0).then_some(n))?;
        }
        let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
        let on_step = move |s: UsageStep| {
            if terminal {
                eprint!(
                    "\r\x1b[2KReading CallRail: {} page(s) of trackers, {} page(s) of calls ({} calls)",
                    s.tracker_pages, s.call_pages, s.calls
                );
            }
        };
        let report = self
            .desk
            .usage(
                &self.conn,
                &account,
                &args.companies,
                args.days,
                &on_step,
                None,
            )
            .await;
        if terminal {
            eprintln!();
        }
        let report = report?;
        if let Some(why) = &report.incomplete {
            output::tell(&format!("warning: {why}"));
        }
        Ok(if self.json {
            output::json(&report)
        } else {
            text(&report)
        })
    }
}

/// Per company, then the account; the idle trackers; the pools that could be smaller.
fn text(r: &UsageReport) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Calls from {} to {} ({} days), numbers at {} local and {} toll-free a month.\n",
        r.first_day,
        r.last_day,
        r.days,
        dollars(r.prices.local),
        dollars(r.prices.toll_free)
    );
    let _ = writeln!(
        out,
        "{:<32} {:>8} {:>8} {:>8} {:>11} {:>6} {:>14}",
        "COMPANY", "TRACKERS", "NUMBERS", "CALLS", "COST/MONTH", "IDLE", "SAVING/MONTH"
    );
    let row = |out: &mut String, name: &str, t: &desk_core::usage::UsageTotals| {
        let _ = writeln!(
            out,
            "{:<32} {:>8} {:>8} {:>8} {:>11} {:>6} {:>14}",
            truncate(name, 32),
            t.trackers,
            t.numbers,
            t.calls,
            dollars(t.monthly),
            t.idle_trackers,
            dollars(t.saving + t.pool_saving)
        );
    };
    for c in &r.companies {
        row(&mut out, &c.name, &c.totals);
    }
    row(&mut out, "All companies", &r.account);
    let idle: Vec<_> = r.trackers.iter().filter(|t| t.idle).collect();
    if idle.is_empty() {
        let _ = writeln!(
            out,
            "\nNo idle tracker: every tracker took a call in the window, or is younger than it."
        );
    } else {
        let _ = writeln!(
            out,
            "\nIdle: no call in {} days. Disabling them releases {} number(s) for good and saves {} a month.",
            r.days,
            r.account.idle_numbers,
            dollars(r.account.saving)
        );
        for t in idle {
            let _ = writeln!(
                out,
                "  {}  {} ({})  {}  {}/month",
                t.id,
                t.name,
                t.company_name,
                t.numbers.join(", "),
                dollars(t.monthly)
            );
        }
    }
    let pools: Vec<_> = r.trackers.iter().filter(|t| t.pool.is_some()).collect();
    if !pools.is_empty() {
        let _ = writeln!(out, "\nPools:");
        for t in pools {
            let Some(p) = &t.pool else { continue };
            let _ = writeln!(
                out,
                "  {}  {} ({}): {} calls; {} of {} numbers took none. {}",
                t.id,
                t.name,
                t.company_name,
                t.calls,
                t.numbers_never_called.len(),
                t.numbers.len(),
                p.advice
            );
        }
    }
    let _ = write!(out, "\n{} request(s) to CallRail.", r.requests);
    out
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_owned()
    } else {
        s.chars().take(n - 1).chain(['…']).collect()
    }
}
