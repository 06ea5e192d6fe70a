//! The command line's words.

use callrail::{SourceInput, TrackerForm, TrackerKind};
use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser, Debug)]
#[command(
    name = "trackerdesk",
    version,
    about = "Manage CallRail trackers (tracking phone numbers) from the command line",
    long_about = "Manage CallRail trackers (tracking phone numbers) from the command line.\n\n\
        The API key is read from CALLRAIL_API_KEY, or from the OS keyring with --connection NAME. Creating and disabling trackers costs money or \
        releases numbers for good, so those commands only explain what they would do unless --yes is given.",
    after_help = "Exit codes: 0 done; 1 not done (CallRail refused it, could not be reached, or was \
        checked and shows the change was not made: safe to try again); 2 bad input (nothing was sent); \
        3 not confirmed (nothing changed: add --yes); 4 outcome unknown (CallRail's answer was lost and \
        the change could be neither found nor ruled out: it may have been made, so do not run it again; \
        `trackerdesk journal check` checks it again later, as every run does at start)."
)]
pub struct Cli {
    /// CallRail API address (a simulator's, for example).
    #[arg(long, global = true, env = "CALLRAIL_API_BASE", default_value = callrail::DEFAULT_BASE_URL)]
    pub api_base: String,
    /// Use a connection saved by the Tracker Desk app (its key comes from the OS keyring) instead of
    /// CALLRAIL_API_KEY.
    #[arg(long, global = true, env = "TRACKERDESK_CONNECTION")]
    pub connection: Option<String>,
    /// The CallRail account (ACC…); may be left out when the key sees only one.
    #[arg(long, global = true, env = "CALLRAIL_ACCOUNT")]
    pub account: Option<String>,
    /// Print JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub group: Group,
}

// Parsed once per run: the size of its variants does not matter.
#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum Group {
    /// CallRail accounts the key sees.
    Accounts {
        #[command(subcommand)]
        verb: ListOnly,
    },
    /// Companies of the account.
    Companies {
        #[command(subcommand)]
        verb: ListOnly,
    },
    /// Trackers: list, read, create, change, disable.
    Trackers {
        #[command(subcommand)]
        verb: TrackerVerb,
    },
    /// Dynamic number insertion: the swap.js snippet for a company's website.
    Dni {
        #[command(subcommand)]
        verb: DniVerb,
    },
    /// Many trackers at once, from a trackers file.
    Bulk {
        #[command(subcommand)]
        verb: BulkVerb,
    },
    /// What each client's numbers cost a month, and which ones nobody calls: calls counted per
    /// tracker from CallRail's call log (only the days not read before are asked for).
    Usage(UsageArgs),
    /// The journal of changes (shared with the app).
    Journal {
        #[command(subcommand)]
        verb: JournalVerb,
    },
}

#[derive(Args, Debug)]
pub struct UsageArgs {
    /// Only these companies (COM…); every company of the account when left out.
    #[arg(long = "company", value_name = "COM")]
    pub companies: Vec<String>,
    /// The window: idle means no call in these days, and older than them.
    #[arg(long, default_value_t = 30, value_parser = clap::value_parser!(u32).range(1..=365))]
    pub days: u32,
    /// Change the stored price of a local number, in dollars a month (kept for next time).
    #[arg(long, value_name = "DOLLARS")]
    pub local_price: Option<f64>,
    /// Change the stored price of a toll-free number, in dollars a month (kept for next time).
    #[arg(long, value_name = "DOLLARS")]
    pub toll_free_price: Option<f64>,
    /// A pool's monthly website visitors, which its size is judged against (kept), e.g.
    /// --visitors TRK123=12000; 0 forgets them.
    #[arg(long = "visitors", value_name = "TRK=N")]
    pub visitors: Vec<String>,
}

#[derive(Subcommand, Debug)]
pub enum JournalVerb {
    /// Check changes whose outcome is unknown against CallRail (every run does this at start), and
    /// list those still unknown; exits 4 while any is.
    Check,
}

impl Group {
    /// Whether the command changes trackers in CallRail.
    pub fn writes(&self) -> bool {
        matches!(
            self,
            Group::Trackers {
                verb: TrackerVerb::CreateSource(_)
                    | TrackerVerb::CreateSession(_)
                    | TrackerVerb::Update(_)
                    | TrackerVerb::Disable { .. }
            } | Group::Bulk {
                verb: BulkVerb::Apply { .. } | BulkVerb::Resume { .. }
            }
        )
    }
}

#[derive(Subcommand, Debug)]
pub enum ListOnly {
    List,
}

#[derive(Subcommand, Debug)]
pub enum DniVerb {
    /// Print the company's swap.js snippet, to paste before </body> on every page.
    Snippet {
        #[arg(long)]
        company: String,
    },
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum Status {
    Active,
    Disabled,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum Kind {
    Source,
    Session,
}

#[derive(Copy, Clone, Debug, ValueEnum)]
pub enum SortOrder {
    Asc,
    Desc,
}

#[derive(Subcommand, Debug)]
pub enum TrackerVerb {
    /// List trackers (one page, or every page with --all).
    List(ListArgs),
    /// Show one tracker in full.
    Get { id: String },
    /// Create a source tracker: one number for one channel. Buys one number.
    CreateSource(CreateSourceArgs),
    /// Create a session tracker: a pool of 4-50 numbers for a website. Buys the whole pool.
    CreateSession(CreateSessionArgs),
    /// Change a tracker. Only what is given changes.
    Update(UpdateArgs),
    /// Disable a tracker: its numbers are released for good; its history is kept.
    Disable {
        id: String,
        /// Really disable it.
        #[arg(long)]
        yes: bool,
    },
    /// Write trackers as a trackers file (CSV, see docs/bulk-csv.md) to standard output.
    Export {
        /// A company to export (repeatable).
        #[arg(long, required_unless_present = "all_companies")]
        company: Vec<String>,
        /// Every company of the account.
        #[arg(long, conflicts_with = "company")]
        all_companies: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum BulkVerb {
    /// What applying a trackers file would do, row by row, and what it buys and releases; nothing
    /// is sent. Exits 2 when a row has an error.
    Plan {
        /// The trackers file (CSV, see docs/bulk-csv.md).
        file: std::path::PathBuf,
        /// Let rows whose status is disabled disable their tracker (its numbers are released for good).
        #[arg(long)]
        allow_disable: bool,
        /// What a local number costs a month, in dollars.
        #[arg(long, default_value_t = 3.0)]
        local_price: f64,
        /// What a toll-free number costs a month, in dollars.
        #[arg(long, default_value_t = 5.0)]
        toll_free_price: f64,
    },
    /// Plans a trackers file, then applies it row by row as a bulk run kept in the journal: only
    /// explained unless --yes. A progress bar shows on a terminal; with --json, a line per row.
    /// CallRail's limits (and the tenth of them kept for the person) pause the run until they
    /// allow it again. Exits 4 when a row's outcome is unknown, 1 when a row was not done.
    Apply {
        file: std::path::PathBuf,
        /// Let rows whose status is disabled disable their tracker (its numbers are released for good).
        #[arg(long)]
        allow_disable: bool,
        /// Really buy and release the numbers the plan says.
        #[arg(long)]
        yes: bool,
    },
    /// Goes on with bulk runs a crash, a power cut or a pause left unfinished (or the one
    /// named): rows whose outcome is unknown are checked in CallRail first, then the rest are
    /// sent. Nothing is sent twice.
    Resume {
        /// The run's id (as `bulk apply` printed it); every unfinished run when left out.
        run: Option<String>,
    },
}

#[derive(Args, Debug)]
pub struct ListArgs {
    #[arg(long)]
    pub company: Option<String>,
    #[arg(long, value_enum)]
    pub status: Option<Status>,
    #[arg(long = "type", value_enum)]
    pub kind: Option<Kind>,
    /// One term, matched against names.
    #[arg(long)]
    pub search: Option<String>,
    /// The only sortable field is name.
    #[arg(long, value_parser = ["name"])]
    pub sort: Option<String>,
    #[arg(long, value_enum, requires = "sort")]
    pub order: Option<SortOrder>,
    #[arg(long)]
    pub page: Option<u32>,
    /// 1 to 250.
    #[arg(long)]
    pub per_page: Option<u32>,
    /// Every page.
    #[arg(long, conflicts_with = "page")]
    pub all: bool,
    /// Optional fields: campaign_name, swap_targets.
    #[arg(long, value_delimiter = ',')]
    pub fields: Vec<String>,
}

/// What both kinds of tracker share.
#[derive(Args, Debug)]
pub struct Common {
    #[arg(long)]
    pub company: String,
    #[arg(long)]
    pub name: String,
    /// Where calls ring, e.g. "(404) 555-0100".
    #[arg(long)]
    pub destination: String,
    /// Area code of the new number(s).
    #[arg(long, conflicts_with = "toll_free")]
    pub area_code: Option<String>,
    /// Toll-free number(s) instead of local ones.
    #[arg(long)]
    pub toll_free: bool,
    /// Played to whoever answers; "[source]" is replaced by the source's name.
    #[arg(long)]
    pub whisper: Option<String>,
    /// Numbers on the website that swap.js replaces (default: the destination). Repeatable.
    #[arg(long = "swap-target")]
    pub swap_targets: Vec<String>,
    /// Do not record calls (recording is on by default).
    #[arg(long)]
    pub no_record: bool,
    /// Buy the numbers.
    #[arg(long)]
    pub yes: bool,
}

#[derive(Args, Debug)]
pub struct CreateSourceArgs {
    #[command(flatten)]
    pub common: Common,
    /// all, landing_url, landing_params, offline, web_referrer, direct, search, google_ad_extension,
    /// mobile_ad_extension, google_my_business, facebook_all, bing_all.
    #[arg(long, default_value = "offline")]
    pub source_type: String,
    /// landing_url / landing_params: the URL or parameters.
    #[arg(long)]
    pub landing: Option<String>,
    /// web_referrer: the referring domain.
    #[arg(long)]
    pub referrer: Option<String>,
    /// search: google, yahoo, bing or all.
    #[arg(long)]
    pub search_engine: Option<String>,
    /// search: paid, organic or all.
    #[arg(long)]
    pub search_type: Option<String>,
    /// Played to the caller before ringing.
    #[arg(long)]
    pub greeting: Option<String>,
    /// Allow text messages (local numbers only).
    #[arg(long)]
    pub sms: bool,
    #[arg(long)]
    pub campaign: Option<String>,
}

#[derive(Args, Debug)]
pub struct CreateSessionArgs {
    #[command(flatten)]
    pub common: Common,
    /// 4 to 50 numbers; about 1 per 100 monthly visitors.
    #[arg(long)]
    pub pool_size: u32,
}

#[derive(Args, Debug)]
pub struct UpdateArgs {
    pub id: String,
    #[arg(long)]
    pub name: Option<String>,
    #[arg(long)]
    pub destination: Option<String>,
    /// An empty text removes it.
    #[arg(long)]
    pub whisper: Option<String>,
    /// An empty text removes it.
    #[arg(long)]
    pub greeting: Option<String>,
    #[arg(long, conflicts_with = "no_record")]
    pub record: bool,
    #[arg(long)]
    pub no_record: bool,
    /// Grow a session tracker's pool (it cannot shrink). Buys numbers: needs --yes.
    #[arg(long)]
    pub pool_size: Option<u32>,
    #[arg(long = "swap-target")]
    pub swap_targets: Vec<String>,
    /// Buy the numbers a bigger pool needs.
    #[arg(long)]
    pub yes: bool,
}

/// The form a `create` command's arguments describe.
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

impl From<CreateSourceArgs> for TrackerForm {
    fn from(a: CreateSourceArgs) -> Self {
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
}

impl From<CreateSessionArgs> for TrackerForm {
    fn from(a: CreateSessionArgs) -> Self {
        TrackerForm {
            pool_size: Some(a.pool_size),
            ..common_form(TrackerKind::Session, a.common)
        }
    }
}
