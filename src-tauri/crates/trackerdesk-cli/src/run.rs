//! What each command does.

use crate::args::{
    Cli, Common, CreateSessionArgs, CreateSourceArgs, DniVerb, Group, Kind, ListArgs, SortOrder,
    Status, TrackerVerb, UpdateArgs,
};
use crate::output;
use crate::Failure;
use callrail::{
    plan_update, ApiKey, Client, Order, SourceInput, StatusFilter, TrackerChanges, TrackerForm,
    TrackerKind, TrackerQuery, TypeFilter,
};
use desk_core::{Desk, SecretStore, APP_IDENTIFIER};

type Out = Result<String, Failure>;

pub async fn run(cli: Cli) -> Out {
    let (client, saved_account) = match &cli.connection {
        Some(name) => from_connection(name)?,
        None => (from_env_key(&cli.api_base)?, None),
    };
    let ctx = Ctx {
        client,
        account: cli.account.or(saved_account),
        json: cli.json,
    };
    match cli.group {
        Group::Accounts { .. } => {
            let accounts = ctx.client.list_accounts().await?;
            Ok(if ctx.json {
                output::json(&accounts)
            } else {
                output::accounts(&accounts)
            })
        }
        Group::Companies { .. } => {
            let account = ctx.account().await?;
            let companies = ctx.client.list_companies(&account, None).await?;
            Ok(if ctx.json {
                output::json(&companies)
            } else {
                output::companies(&companies)
            })
        }
        Group::Dni {
            verb: DniVerb::Snippet { company },
        } => ctx.snippet(&company).await,
        Group::Trackers { verb } => match verb {
            TrackerVerb::List(args) => ctx.list(args).await,
            TrackerVerb::Get { id } => {
                let account = ctx.account().await?;
                let t = ctx
                    .client
                    .get_tracker(&account, &id, &["swap_targets", "campaign_name"])
                    .await?;
                Ok(if ctx.json {
                    output::json(&t)
                } else {
                    output::tracker(&t)
                })
            }
            TrackerVerb::CreateSource(args) => {
                let yes = args.common.yes;
                ctx.create(source_form(args), yes).await
            }
            TrackerVerb::CreateSession(args) => {
                let yes = args.common.yes;
                ctx.create(session_form(args), yes).await
            }
            TrackerVerb::Update(args) => ctx.update(args).await,
            TrackerVerb::Disable { id, yes } => ctx.disable(&id, yes).await,
        },
    }
}

fn from_env_key(api_base: &str) -> Result<Client, Failure> {
    let raw_key = std::env::var("CALLRAIL_API_KEY").unwrap_or_default();
    if raw_key.trim().is_empty() {
        return Err(Failure::Input(
            "set CALLRAIL_API_KEY to your CallRail API key (in CallRail: Settings, API keys), or use --connection NAME".into(),
        ));
    }
    let key = ApiKey::new(raw_key).map_err(|v| Failure::Input(v.to_string()))?;
    Ok(Client::builder(key).base_url(api_base).build()?)
}

/// A connection saved by the app: its key from the OS keyring, its account if one was picked.
fn from_connection(name: &str) -> Result<(Client, Option<String>), Failure> {
    let data_dir = dirs::data_dir()
        .ok_or_else(|| {
            Failure::Input("this system has no data folder for Tracker Desk's settings".into())
        })?
        .join(APP_IDENTIFIER);
    let desk = Desk::open(
        &data_dir,
        SecretStore::for_app(APP_IDENTIFIER),
        callrail::DEFAULT_BASE_URL,
    )
    .map_err(|e| Failure::Remote(e.to_string()))?;
    let fail = |e: desk_core::CoreError| match e {
        desk_core::CoreError::UnknownConnection(_) => Failure::Input(format!(
            "there is no Tracker Desk connection named {name}; add it in the app first"
        )),
        other => Failure::Remote(other.to_string()),
    };
    let conn = desk.connections().find(name).map_err(fail)?;
    let client = desk.connections().client(&conn.id).map_err(fail)?;
    Ok((client, conn.account_id))
}

struct Ctx {
    client: Client,
    account: Option<String>,
    json: bool,
}

impl Ctx {
    /// The account named with --account, or the only one the key sees.
    async fn account(&self) -> Result<String, Failure> {
        if let Some(a) = &self.account {
            return Ok(a.clone());
        }
        let accounts = self.client.list_accounts().await?;
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
            let all = self.client.list_all_trackers(&account, &query).await?;
            return Ok(if self.json {
                output::json(&all)
            } else {
                format!("{}\n{} trackers", output::trackers(&all), all.len())
            });
        }
        let page = self.client.list_trackers(&account, &query).await?;
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
        let draft = form.validate().map_err(|v| Failure::Input(v.to_string()))?;
        let account = self.account().await?;
        let company = self
            .client
            .get_company(&account, draft.company_id())
            .await?;
        if !company.is_active() {
            return Err(Failure::Input(format!(
                "the company {} is disabled in CallRail",
                company.name
            )));
        }
        let n = draft.numbers_to_provision();
        let what = match draft.kind() {
            TrackerKind::Source => "source tracker",
            TrackerKind::Session => "session tracker",
        };
        let plan = format!(
            "This creates the {what} \"{}\" in {} and buys {n} new {} ({}), billed monthly by CallRail. Calls ring {}.",
            draft.name(),
            company.name,
            if n == 1 { "number" } else { "numbers" },
            draft.numbers().describe(),
            callrail::format_number(draft.destination().as_str()),
        );
        if !yes {
            println!("{plan}");
            return Err(Failure::NotConfirmed(format!(
                "nothing was created; run again with --yes to buy {n} number(s)"
            )));
        }
        let created = self.client.create_tracker(&account, &draft).await?;
        if self.json {
            return Ok(output::json(&created.tracker));
        }
        let mut out = format!(
            "Created {what} \"{}\" ({}): {}",
            created.tracker.name,
            created.tracker.id,
            output::numbers(&created.tracker)
        );
        if let Some(cause) = created.reconciled {
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
        if let Some(size) = changes.pool_size.filter(|_| !args.yes) {
            let current = self
                .client
                .get_tracker(&account, &args.id, &["swap_targets"])
                .await?;
            let plan =
                plan_update(&current, &changes).map_err(|v| Failure::Input(v.to_string()))?;
            if plan.changed_fields().contains(&"pool_size") {
                let extra = size as usize - current.pool_size();
                println!("This grows the pool of \"{}\" from {} to {size} numbers: {extra} more numbers, billed monthly by CallRail.", current.name, current.pool_size());
                return Err(Failure::NotConfirmed(format!(
                    "nothing was changed; run again with --yes to buy {extra} number(s)"
                )));
            }
        }
        let updated = self
            .client
            .update_tracker(&account, &args.id, &changes)
            .await?;
        if self.json {
            return Ok(output::json(&updated.after));
        }
        if updated.changed.is_empty() {
            return Ok(format!(
                "\"{}\" already looks like that: nothing was sent",
                updated.before.name
            ));
        }
        Ok(format!(
            "Updated \"{}\" ({}): {}\n{}",
            updated.after.name,
            updated.after.id,
            updated.changed.join(", "),
            output::tracker(&updated.after)
        ))
    }

    async fn disable(&self, id: &str, yes: bool) -> Out {
        let account = self.account().await?;
        let t = self.client.get_tracker(&account, id, &[]).await?;
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
            println!(
                "This disables \"{}\" ({}). CallRail releases its number(s) {numbers} for good: they cannot be got back. \
                 Its call history is kept. A disabled tracker cannot be enabled again.",
                t.name, t.id
            );
            return Err(Failure::NotConfirmed(
                "nothing was disabled; run again with --yes to disable it".into(),
            ));
        }
        let after = self.client.disable_tracker(&account, id).await?;
        if self.json {
            let after = match after {
                Some(t) => t,
                None => self.client.get_tracker(&account, id, &[]).await?,
            };
            return Ok(output::json(&after));
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
        let company = self.client.get_company(&account, company_id).await?;
        let snippet = callrail::dni::swap_snippet(&company)?;
        if self.json {
            return Ok(output::json(&serde_json::json!({
                "company_id": company.id, "script_url": company.script_url, "snippet": snippet,
            })));
        }
        eprintln!("Paste this before </body> on every page of {} (or add it as a Custom HTML tag in Google Tag Manager):", company.name);
        Ok(snippet)
    }
}

fn common_form(kind: TrackerKind, c: Common) -> TrackerForm {
    TrackerForm {
        kind,
        company_id: c.company,
        name: c.name,
        destination: c.destination,
        area_code: c.area_code,
        toll_free: c.toll_free,
        whisper: c.whisper,
        record_calls: !c.no_record,
        swap_targets: c.swap_targets,
        ..TrackerForm::default()
    }
}

fn source_form(a: CreateSourceArgs) -> TrackerForm {
    TrackerForm {
        source: Some(SourceInput {
            kind: a.source_type,
            landing: a.landing,
            referrer: a.referrer,
            search_engine: a.search_engine,
            search_type: a.search_type,
        }),
        greeting: a.greeting,
        sms_enabled: a.sms,
        campaign_name: a.campaign,
        pool_size: None,
        ..common_form(TrackerKind::Source, a.common)
    }
}

fn session_form(a: CreateSessionArgs) -> TrackerForm {
    TrackerForm {
        pool_size: Some(a.pool_size),
        ..common_form(TrackerKind::Session, a.common)
    }
}
