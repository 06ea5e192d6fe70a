//! The simulator's knobs.

use std::time::Duration;

use crate::faults::FaultSpec;
use crate::seed::Seed;

/// The API key the simulator accepts when no other key is configured.
pub const DEMO_API_KEY: &str = "sim-demo-key";

/// Default size of the number inventory of each area code.
pub const DEFAULT_NUMBERS_PER_AREA_CODE: usize = 60;

/// How a simulator instance behaves. `SimConfig::default()` is the demo agency, one full-access key
/// ([`DEMO_API_KEY`]), CallRail's own request limits (1,000 an hour and 10,000 a day per account,
/// answered with a bare 429), no latency, no faults and none of the awkward quirks below.
#[derive(Debug, Clone)]
pub struct SimConfig {
    /// Keys accepted with full access.
    pub api_keys: Vec<String>,
    /// Keys accepted for GET only; POST/PUT/DELETE answer 403.
    pub read_only_keys: Vec<String>,
    /// The data to start with; `None` builds the built-in demo agency.
    pub seed: Option<Seed>,
    /// Extra active trackers generated in the first company (for benchmarks).
    pub extra_trackers: usize,
    /// When not 0, the generated trackers are spread over this many new companies of the first
    /// account instead (a franchise: 50,000 trackers over 40 locations).
    pub extra_companies: usize,
    /// Calls of the last 90 days spread over the generated trackers (every tenth one is never
    /// called, nor the last number of a pool).
    pub extra_calls: usize,
    /// Numbers available in each area code of the inventory.
    pub numbers_per_area_code: usize,
    /// Requests allowed per account in a rolling hour; `None` turns the limit off.
    pub rate_limit_per_hour: Option<u32>,
    /// Requests allowed per account in a rolling day; `None` turns the limit off.
    pub rate_limit_per_day: Option<u32>,
    /// Delay added to every response (emulates the network round trip).
    pub latency: Option<Duration>,
    /// Faults armed at start.
    pub faults: Vec<FaultSpec>,
    /// Leave `total_pages` out of list envelopes (as some real responses do).
    pub omit_total_pages: bool,
    /// DELETE answers 200 with the tracker instead of 204 with no body.
    pub delete_returns_body: bool,
    /// The awkward sides of the real API, each off unless asked for.
    pub quirks: Quirks,
}

/// What the real API does that a kind simulator would hide.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quirks {
    /// `search` matches whole words of the name only (`goo` does not find "Google Ads").
    pub search_whole_words: bool,
    /// `search` does not show trackers created in the last this long (a lagging search index).
    pub search_lag: Option<Duration>,
    /// A pool's new numbers (beyond the first of a new pool) show only after this long.
    pub pool_number_delay: Option<Duration>,
    /// DELETE of a tracker that is already disabled answers 400 instead of 204.
    pub refuse_delete_of_disabled: bool,
    /// CallRail's clock runs this many seconds ahead of this computer's (behind, when negative):
    /// its `Date` header and every `created_at` it stamps.
    pub clock_offset_seconds: i64,
}

/// CallRail's documented limits per account.
pub const RATE_LIMIT_PER_HOUR: u32 = 1_000;
pub const RATE_LIMIT_PER_DAY: u32 = 10_000;

impl Default for SimConfig {
    fn default() -> Self {
        SimConfig {
            api_keys: vec![DEMO_API_KEY.to_string()],
            read_only_keys: Vec::new(),
            seed: None,
            extra_trackers: 0,
            extra_companies: 0,
            extra_calls: 0,
            numbers_per_area_code: DEFAULT_NUMBERS_PER_AREA_CODE,
            rate_limit_per_hour: Some(RATE_LIMIT_PER_HOUR),
            rate_limit_per_day: Some(RATE_LIMIT_PER_DAY),
            latency: None,
            faults: Vec::new(),
            omit_total_pages: false,
            delete_returns_body: false,
            quirks: Quirks::default(),
        }
    }
}
