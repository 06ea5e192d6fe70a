//! What each command does.

use crate::args::{
    BulkVerb, Cli, DniVerb, Group, JournalVerb, Kind, ListArgs, SortOrder, Status, TrackerVerb,
    UpdateArgs,
};
use crate::output;
use crate::Failure;
use callrail::{
    ApiKey, Order, StatusFilter, TrackerChanges, TrackerForm, TrackerKind, TrackerQuery, TypeFilter,
};
use desk_core::{Desk, SecretStore, APP_IDENTIFIER};

pub(crate) type Out = Result<String, Failure>;

pub async fn run(cli: Cli) -> Out {
    // Validate the key (or the connection name) before touching anything on disk.
    let key = match &cli.connection {
        Some(_) => None,
        None => Some(env_key()?),
    };
    let desk = open_desk(&cli.api_base).await?;
    if let Some(address) = desk.connections().api_override() {
        output::tell(&format!(
            "note: talking to {address} instead of CallRail (--api-base or CALLRAIL_API_BASE)"
        ));
    }
    let conn = match (&cli.connection, key) {
        (Some(name), _) => desk.connections().find(name).map_err(|e| match e {
            desk_core::CoreError::UnknownConnection(_) => Failure::Input(format!(
                "there is no Tracker Desk connection named {name}; add it in the app first"
            )),
            other => Failure::Remote(other.to_string()),
        })?,
        (None, Some(key)) => desk.use_key(key, &cli.api_base)?,
        (None, None) => return Err(Failure::Input("no key and no connection".into())),
    };
    if let Some(warning) = desk.store_info().ok().and_then(|i| i.warning) {
        output::tell(&format!("note: {warning}"));
    }
    // Changes a crash or a lost answer left open are checked first, as the app does at start. A
    // write leaves that to its own claim, which checks an earlier attempt at the same tracker (and
    // answers with what it made, instead of making it again).
    let checked = if cli.group.writes() {
        Ok(Vec::new())
    } else {
        desk.reconcile_unfinished().await
    };
    match checked {
        Ok(checked) => {
            for e in checked {
                output::tell(&format!(
                    "note: checked the earlier {} of \"{}\" ({}): {}",
                    e.operation.as_str(),
                    e.tracker_name,
                    e.state.as_str(),
                    e.outcome.as_deref().unwrap_or_default()
                ));
            }
        }
        Err(e) => output::tell(&format!(
            "warning: could not check earlier changes against CallRail: {e}"
        )),
    }
    let ctx = Ctx {
        desk,
        conn: conn.id,
        account: cli.account.or(conn.account_id),
        json: cli.json,
    };
    match cli.group {
        Group::Accounts { .. } => {
            let accounts = ctx.desk.accounts(&ctx.conn).await?;
            Ok(if ctx.json {
                output::json(&accounts)
            } else {
                output::accounts(&accounts)
            })
        }
        Group::Companies { .. } => {
            let account = ctx.account().await?;
            let companies = ctx.desk.companies(&ctx.conn, &account).await?;
            Ok(if ctx.json {
                output::json(&companies)
            } else {
                output::companies(&companies)
            })
        }
        Group::Dni {
            verb: DniVerb::Snippet { company },
        } => ctx.snippet(&company).await,
        Group::Journal {
            verb: JournalVerb::Check,
        } => ctx.journal_check().await,
        Group::Usage(args) => ctx.usage(args).await,
        Group::Bulk {
            verb:
                BulkVerb::Plan {
                    file,
                    allow_disable,
                    local_price,
                    toll_free_price,
                },
        } => {
            let prices = bulk::Prices {
                local: local_price,
                toll_free: toll_free_price,
            };
            ctx.bulk_plan(&file, allow_disable, prices).await
        }
        Group::Bulk {
            verb:
                BulkVerb::Apply {
                    file,
                    allow_disable,
                    yes,
                },
        } => ctx.bulk_apply(&file, allow_disable, yes).await,
        Group::Bulk {
            verb: BulkVerb::Resume { run },
        } => ctx.bulk_resume(run.as_deref()).await,
        Group::Trackers { verb } => match verb {
            TrackerVerb::List(args) => ctx.list(args).await,
            TrackerVerb::Get { id } => {
                let account = ctx.account().await?;
                let t = ctx
                    .desk
                    .tracker(&ctx.conn, &account, &id, &["swap_targets", "campaign_name"])
                    .await?;
                Ok(if ctx.json {
                    output::json(&t)
                } else {
                    output::tracker(&t)
                })
            }
            TrackerVerb::CreateSource(args) => {
                let yes = args.common.yes;
                ctx.create(TrackerForm::from(args), yes).await
            }
            TrackerVerb::CreateSession(args) => {
                let yes = args.common.yes;
                ctx.create(TrackerForm::from(args), yes).await
            }
            TrackerVerb::Update(args) => ctx.update(args).await,
            TrackerVerb::Disable { id, yes } => ctx.disable(&id, yes).await,
            TrackerVerb::Export {
                company,
                all_companies: _,
            } => ctx.export(&company).await,
        },
    }
}

fn env_key() -> Result<ApiKey, Failure> {
    let raw_key = std::env::var("CALLRAIL_API_KEY").unwrap_or_default();
    if raw_key.trim().is_empty() {
        return Err(Failure::Input(
            "set CALLRAIL_API_KEY to your CallRail API key (in CallRail: Settings, API keys), or use --connection NAME".into(),
        ));
    }
    ApiKey::new(raw_key).map_err(|v| Failure::Input(v.to_string()))
}

/// The app's data folder: its connections, and the journal every change is written to; `api_base`
/// stands in for CallRail's address.
async fn open_desk(api_base: &str) -> Result<Desk, Failure> {
    let data_dir = dirs::data_dir()
        .ok_or_else(|| {
            Failure::Input(
                "Tracker Desk needs a data folder for its journal: set HOME or XDG_DATA_HOME"
                    .into(),
            )
        })?
        .join(APP_IDENTIFIER);
    Desk::open_configured(&data_dir, SecretStore::for_app(APP_IDENTIFIER), api_base)
        .await
        .map_err(|e| Failure::Remote(e.to_string()))
}

pub(crate) struct Ctx {
    /// Every read and write goes through the desk, as the app's do: writes are journaled alike.
    pub(crate) desk: Desk,
    pub(crate) conn: String,
    pub(crate) account: Option<String>,
    pub(crate) json: bool,
}

impl Ctx {
    /// The account named with --account, or the only one the key sees.
    pub(crate) async fn account(&self) -> Result<String, Failure> {
        if let Some(a) = &self.account {
            return Ok(a.clone());
        }
        let accounts = self.desk.accounts(&self.conn).await?;
        match accounts.as_slice() {
            [one] => Ok(one.id.clone()),
            [] => Err(Failure::Remote(
                "this API key sees no CallRail account".into(),
            )),
            many => {
                let list: Vec<String> = many
                    .iter()
                    .map(|a| format!("{} ({})", a.id, a.name))
                    .collect();
                Err(Failure::Input(format!(
                    "this API key sees {} accounts; choose one with --account: {}",
                    many.len(),
                    list.join(", ")
                )))
            }
        }
    }

    async fn list(&self, args: ListArgs) -> Out {
        let account = self.account().await?;
        let query = TrackerQuery {
            company_id: args.company,
            status: args.status.map(|s| match s {
                Status::Active => StatusFilter::Active,
                Status::Disabled => StatusFilter::Disabled,
            }),
            kind: args.kind.map(|k| match k {
                Kind::Source => TypeFilter::Source,
                Kind::Session => TypeFilter::Session,
            }),
            search: args.search,
            sort_by_name: args.sort.map(|_| match args.order {
                Some(SortOrder::Desc) => Order::Desc,
                _ => Order::Asc,
            }),
            fields: args.fields,
            page: args.page,
            per_page: args.per_page,
        };
        if args.all {
            let all = self.desk.all_trackers(&self.conn, &account, &query).await?;
            return Ok(if self.json {
                output::write_json(&all);
                String::new()
            } else {
                format!("{}\n{} trackers", output::trackers(&all), all.len())
            });
        }
        let page = self.desk.tracker_page(&self.conn, &account, &query).await?;
        Ok(if self.json {
            output::json(&page)
        } else {
            let pages = page
                .page_count()
                .map(|n| format!(" of {n}"))
                .unwrap_or_default();
            let total = page
                .total_records
                .map(|n| format!(", {n} trackers in all"))
                .unwrap_or_default();
            format!(
                "{}\npage {}{pages}{total}",
                output::trackers(&page.items),
                page.page
            )
        })
    }

    async fn create(&self, form: TrackerForm, yes: bool) -> Out {
        let account = self.account().await?;
        let what = match form.kind {
            TrackerKind::Source => "source tracker",
            TrackerKind::Session => "session tracker",
        };
        // `--yes` confirms what the form buys; the desk checks the form and its company either way.
        let n = if yes {
            self.desk
                .check_tracker(&form)
                .numbers_to_provision
                .unwrap_or(0)
        } else {
            let explained = self
                .desk
                .explain_create(&self.conn, &account, &form)
                .await?;
            output::say(&explained.sentence);
            return Err(Failure::NotConfirmed(format!(
                "nothing was created; run again with --yes to buy {} number(s)",
                explained.numbers
            )));
        };
        let created = self
            .desk
            .create_tracker(&self.conn, &account, &form, n)
            .await?;
        warn(&created.warnings);
        let tracker = &created.tracker;
        if self.json {
            return Ok(output::json(tracker));
        }
        let mut out = format!(
            "Created {what} \"{}\" ({}): {}",
            tracker.name,
            tracker.id,
            output::numbers(tracker)
        );
        if let Some(cause) = &created.reconciled {
            out.push_str(&format!(
                "\nCallRail's answer was lost ({cause}), but the tracker was found in CallRail, so it was not created twice."
            ));
        }
        Ok(out)
    }

    async fn update(&self, args: UpdateArgs) -> Out {
        let changes = TrackerChanges {
            name: args.name,
            destination: args.destination,
            whisper: args.whisper,
            greeting: args.greeting,
            record_calls: if args.record {
                Some(true)
            } else if args.no_record {
                Some(false)
            } else {
                None
            },
            pool_size: args.pool_size,
            swap_targets: (!args.swap_targets.is_empty()).then_some(args.swap_targets),
            sms_enabled: None,
        };
        if changes == TrackerChanges::default() {
            return Err(Failure::Input(
                "nothing to change: give --name, --destination, --whisper, --greeting, --record/--no-record, --pool-size or --swap-target".into(),
            ));
        }
        let account = self.account().await?;
        let preview = self
            .desk
            .preview_update(&self.conn, &account, &args.id, &changes)
            .await?;
        if preview.changes.is_empty() {
            return Ok(format!(
                "{} already looks like that: nothing was sent",
                args.id
            ));
        }
        if preview.extra_numbers > 0 && !args.yes {
            let pool = preview.changes.iter().find(|c| c.field == "pool_size");
            let (from, to) = pool
                .map(|c| (c.before.as_str(), c.after.as_str()))
                .unwrap_or(("?", "?"));
            output::say(&format!(
                "This grows the pool of {} from {from} to {to} numbers: {} more numbers, billed monthly by CallRail.",
                args.id, preview.extra_numbers
            ));
            return Err(Failure::NotConfirmed(format!(
                "nothing was changed; run again with --yes to buy {} number(s)",
                preview.extra_numbers
            )));
        }
        let updated = self
            .desk
            .update_tracker(
                &self.conn,
                &account,
                &args.id,
                &changes,
                preview.extra_numbers,
            )
            .await?;
        warn(&updated.warnings);
        let after = &updated.tracker;
        if self.json {
            return Ok(output::json(after));
        }
        let changed: Vec<String> = preview
            .changes
            .iter()
            .map(|c| format!("{}: {} -> {}", c.label, c.before, c.after))
            .collect();
        let mut out = format!(
            "Updated \"{}\" ({})\n  {}\n{}",
            after.name,
            after.id,
            changed.join("\n  "),
            output::tracker(after)
        );
        if let Some(cause) = &updated.reconciled {
            out.push_str(&format!(
                "\nCallRail's answer was lost ({cause}), but reading the tracker shows the change."
            ));
        }
        Ok(out)
    }

    async fn disable(&self, id: &str, yes: bool) -> Out {
        let account = self.account().await?;
        let t = self
            .desk
            .tracker(&self.conn, account.as_str(), id, &[])
            .await?;
        if !t.is_active() {
            return Ok(format!(
                "\"{}\" ({}) is already disabled{}",
                t.name,
                t.id,
                t.disabled_at
                    .as_deref()
                    .map(|d| format!(" since {d}"))
                    .unwrap_or_default()
            ));
        }
        if !yes {
            let numbers = t.formatted_numbers().join(", ");
            output::say(&format!(
                "This disables \"{}\" ({}). CallRail releases its number(s) {numbers} for good: they cannot be got back. \
                 Its call history is kept. A disabled tracker cannot be enabled again.",
                t.name, t.id
            ));
            return Err(Failure::NotConfirmed(
                "nothing was disabled; run again with --yes to disable it".into(),
            ));
        }
        // --yes stands for typing the name: the desk journals the disable like the app's.
        let disabled = self
            .desk
            .disable_tracker(&self.conn, &account, id, &t.name)
            .await?;
        warn(&disabled.warnings);
        if self.json {
            return Ok(output::json(&disabled.tracker));
        }
        Ok(format!(
            "Disabled \"{}\" ({}); released {}",
            t.name,
            t.id,
            t.formatted_numbers().join(", ")
        ))
    }

    async fn snippet(&self, company_id: &str) -> Out {
        let account = self.account().await?;
        let dni = self.desk.dni(&self.conn, &account, company_id).await?;
        if !dni.always_swap_trackers.is_empty() {
            output::tell(&format!(
                "note: these source trackers swap on every visit and win over any pool: {}",
                dni.always_swap_trackers.join(", ")
            ));
        }
        if self.json {
            return Ok(output::json(&serde_json::json!({
                "company_id": dni.company_id, "script_url": dni.script_url, "snippet": dni.snippet,
            })));
        }
        output::tell(&format!("Paste this before </body> on every page of {} (or add it as a Custom HTML tag in Google Tag Manager):", dni.company_name));
        Ok(dni.snippet)
    }
}

/// What went wrong after a write that was carried out: shown, but the write still succeeded.
fn warn(warnings: &[String]) {
    for w in warnings {
        output::tell(&format!("warning: {w}"));
    }
}
