//! What the desk reads from CallRail: accounts, companies and trackers (each company's last-seen
//! copy kept, and shown when CallRail cannot be reached), a form checked against CallRail's rules,
//! an update's preview, and a company's swap.js snippet. The command line's reads are here too, in
//! CallRail's own shapes, so that it prints what CallRail sent.

use super::Desk;
use crate::store::SnapshotRecord;
use crate::trackers::{self, TrackerListRequest};
use crate::views::{AccountView, CompanyView, DniInfo, TrackerDetail, TrackerPage, UpdatePreview};
use crate::{CoreError, CoreResult};
use callrail::{
    Account, Company, Page, Tracker, TrackerChanges, TrackerForm, TrackerKind, TrackerQuery,
};

/// A create explained before it is confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateExplained {
    /// The count of numbers it buys: what the create must be confirmed with.
    pub numbers: u32,
    pub sentence: String,
}

impl Desk {
    pub async fn list_accounts(&self, connection: &str) -> CoreResult<Vec<AccountView>> {
        let accounts = self.connections.client(connection)?.list_accounts().await?;
        Ok(accounts
            .into_iter()
            .map(|a| AccountView {
                id: a.id,
                name: a.name,
            })
            .collect())
    }

    pub async fn list_companies(
        &self,
        connection: &str,
        account: &str,
    ) -> CoreResult<Vec<CompanyView>> {
        let companies = self
            .connections
            .client(connection)?
            .list_companies(account, None)
            .await?;
        Ok(companies.into_iter().map(CompanyView::from).collect())
    }

    pub fn remember_selection(
        &self,
        connection: &str,
        account: Option<String>,
        company: Option<String>,
    ) -> CoreResult<()> {
        self.connections.remember(connection, account, company)
    }

    /// Trackers from CallRail, keeping each company's last-seen copy; when CallRail cannot be
    /// reached, the copy is returned instead, marked offline with its age.
    pub async fn list_trackers(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
    ) -> CoreResult<TrackerPage> {
        self.list_trackers_watched(connection, account, request, None)
            .await
    }

    /// The same; a listing of every page tells `watch` of each page and stops when it asks.
    pub async fn list_trackers_watched(
        &self,
        connection: &str,
        account: &str,
        request: TrackerListRequest,
        watch: Option<&callrail::Watch<'_>>,
    ) -> CoreResult<TrackerPage> {
        crate::ledger::on(crate::ledger::Spend::Listing, async {
            let client = self.connections.client(connection)?;
            match trackers::list(&client, account, &request, watch).await {
                Ok((page, raw)) => {
                    let (records, seen_at) =
                        SnapshotRecord::seen(connection, account, Some(&request.company_id), &raw);
                    if let Err(e) = self.journal.store().save_snapshots(&records).await {
                        tracing::warn!("could not keep the last-seen trackers: {e}");
                    } else if request.all && request.search.is_none() {
                        // The account-wide search need not read this company again for a while.
                        self.search.company_read(
                            connection,
                            account,
                            &request.company_id,
                            &raw,
                            &seen_at,
                        );
                    }
                    Ok(page)
                }
                Err(CoreError::Callrail(
                    e @ (callrail::Error::Network { .. } | callrail::Error::Timeout),
                )) => match self.cached_trackers(connection, account, &request).await? {
                    Some(page) => Ok(page),
                    None => Err(e.into()),
                },
                Err(e) => Err(e),
            }
        })
        .await
    }

    /// The last-seen trackers of a company, to show at once while CallRail is asked; `None` when
    /// none were seen yet.
    pub async fn cached_trackers(
        &self,
        connection: &str,
        account: &str,
        request: &TrackerListRequest,
    ) -> CoreResult<Option<TrackerPage>> {
        let cached = self
            .journal
            .store()
            .company_snapshots(connection, account, Some(&request.company_id))
            .await?;
        if cached.is_empty() {
            return Ok(None);
        }
        let trackers = cached
            .into_iter()
            .filter_map(|r| Some((serde_json::from_str(&r.tracker).ok()?, r.seen_at)))
            .collect();
        Ok(Some(trackers::from_cache(request, trackers)))
    }

    pub async fn get_tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
    ) -> CoreResult<TrackerDetail> {
        trackers::get(&self.connections.client(connection)?, account, id).await
    }

    pub fn check_tracker(&self, form: &TrackerForm) -> crate::views::FormCheck {
        trackers::check(form)
    }

    /// What a create would do, in one sentence for the person to confirm: the tracker, its
    /// company (read now: it must be active), the numbers it buys and where calls ring. Nothing is
    /// sent.
    pub async fn explain_create(
        &self,
        connection: &str,
        account: &str,
        form: &TrackerForm,
    ) -> CoreResult<CreateExplained> {
        let draft = form.validate()?;
        let company = self
            .connections
            .client(connection)?
            .get_company(account, draft.company_id())
            .await?;
        trackers::active(&company)?;
        let what = match draft.kind() {
            TrackerKind::Source => "source tracker",
            TrackerKind::Session => "session tracker",
        };
        Ok(CreateExplained {
            numbers: draft.numbers_to_provision(),
            sentence: format!(
                "This creates the {what} \"{}\" in {} and buys {}, billed monthly by CallRail. Calls ring {}.",
                draft.name(),
                company.name,
                trackers::numbers_bought(&draft, "new number"),
                callrail::format_number(draft.destination().as_str()),
            ),
        })
    }

    pub async fn preview_update(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        changes: &TrackerChanges,
    ) -> CoreResult<UpdatePreview> {
        Ok(
            trackers::preview(&self.connections.client(connection)?, account, id, changes)
                .await?
                .0,
        )
    }

    /// The company's swap.js snippet, and the always-swap source trackers that would win over a pool.
    pub async fn dni(
        &self,
        connection: &str,
        account: &str,
        company_id: &str,
    ) -> CoreResult<DniInfo> {
        let client = self.connections.client(connection)?;
        let company = client.get_company(account, company_id).await?;
        let snippet = callrail::dni::swap_snippet(&company)?;
        let always_swap = trackers::always_swap(&client, account, company_id).await?;
        Ok(DniInfo {
            company_id: company.id,
            company_name: company.name,
            script_url: company.script_url.unwrap_or_default(),
            snippet,
            dni_active: company.dni_active,
            always_swap_trackers: always_swap,
        })
    }

    /// The accounts the connection's key sees, as CallRail sends them.
    pub async fn accounts(&self, connection: &str) -> CoreResult<Vec<Account>> {
        Ok(self.connections.client(connection)?.list_accounts().await?)
    }

    /// The account's companies, disabled ones included, as CallRail sends them.
    pub async fn companies(&self, connection: &str, account: &str) -> CoreResult<Vec<Company>> {
        Ok(self
            .connections
            .client(connection)?
            .list_companies(account, None)
            .await?)
    }

    /// One tracker as CallRail sends it, with the extra `fields` asked for.
    pub async fn tracker(
        &self,
        connection: &str,
        account: &str,
        id: &str,
        fields: &[&str],
    ) -> CoreResult<Tracker> {
        Ok(self
            .connections
            .client(connection)?
            .get_tracker(account, id, fields)
            .await?)
    }

    /// One page of trackers, as CallRail sends it.
    pub async fn tracker_page(
        &self,
        connection: &str,
        account: &str,
        query: &TrackerQuery,
    ) -> CoreResult<Page<Tracker>> {
        Ok(self
            .connections
            .client(connection)?
            .list_trackers(account, query)
            .await?)
    }

    /// Every tracker the query matches, every page read.
    pub async fn all_trackers(
        &self,
        connection: &str,
        account: &str,
        query: &TrackerQuery,
    ) -> CoreResult<Vec<Tracker>> {
        Ok(self
            .connections
            .client(connection)?
            .list_all_trackers(account, query)
            .await?)
    }
}
