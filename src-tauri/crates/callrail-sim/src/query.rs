//! Query-string parameters of the list endpoints: paging, sorting, filters.

use crate::error::ApiError;
use crate::render::Envelope;

pub(crate) const DEFAULT_PER_PAGE: u64 = 100;
pub(crate) const MAX_PER_PAGE: u64 = 250;

/// Decoded query parameters; a repeated key keeps its last value.
#[derive(Debug, Default)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub fn parse(raw: Option<&str>) -> Query {
        let pairs = url::form_urlencoded::parse(raw.unwrap_or("").as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .collect();
        Query { pairs }
    }

    /// Every pair, in order.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The value of `key`, `None` when absent or empty.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
            .filter(|v| !v.is_empty())
    }

    /// A filter whose value must be one of `allowed`.
    pub fn one_of<T>(
        &self,
        key: &str,
        parse: impl Fn(&str) -> Option<T>,
        message: &str,
    ) -> Result<Option<T>, ApiError> {
        match self.get(key) {
            None => Ok(None),
            Some(v) => parse(v)
                .map(Some)
                .ok_or_else(|| ApiError::bad_request(message)),
        }
    }

    pub fn paging(&self) -> Result<Paging, ApiError> {
        let page = match self.get("page") {
            None => 1,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n >= 1 => n,
                _ => return Err(ApiError::bad_request("page must be a positive integer")),
            },
        };
        let per_page = match self.get("per_page") {
            None => DEFAULT_PER_PAGE,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n >= 1 => n.min(MAX_PER_PAGE),
                _ => return Err(ApiError::bad_request("per_page must be a positive integer")),
            },
        };
        Ok(Paging { page, per_page })
    }

    /// `sort=name` with `order=asc|desc`: `Some(descending)`, or `None` for the natural order.
    pub fn name_sort(&self) -> Result<Option<bool>, ApiError> {
        let Some(sort) = self.get("sort") else {
            return Ok(None);
        };
        if sort != "name" {
            return Err(ApiError::bad_request("Sort is not included in the list"));
        }
        match self.get("order") {
            None | Some("asc") => Ok(Some(false)),
            Some("desc") => Ok(Some(true)),
            Some(_) => Err(ApiError::bad_request("Order is not included in the list")),
        }
    }

    /// Case-insensitive `search` term.
    pub fn search(&self) -> Option<String> {
        self.get("search").map(str::to_lowercase)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Paging {
    pub page: u64,
    pub per_page: u64,
}

impl Paging {
    /// One page of `items` in its envelope.
    pub fn envelope<T>(
        self,
        key: &'static str,
        items: Vec<T>,
        omit_total_pages: bool,
    ) -> Envelope<T> {
        let total = items.len() as u64;
        let total_pages = total.div_ceil(self.per_page).max(1);
        let start =
            usize::try_from((self.page - 1).saturating_mul(self.per_page)).unwrap_or(usize::MAX);
        let take = usize::try_from(self.per_page).unwrap_or(usize::MAX);
        let items = items.into_iter().skip(start).take(take).collect();
        Envelope {
            page: self.page,
            per_page: self.per_page,
            total_pages: (!omit_total_pages).then_some(total_pages),
            total_records: total,
            key,
            items,
        }
    }
}

/// Sorts by name (case-insensitively, stable) when asked.
pub(crate) fn sort_by_name<T>(items: &mut [T], name: impl Fn(&T) -> &str, order: Option<bool>) {
    if let Some(desc) = order {
        items.sort_by_cached_key(|t| name(t).to_lowercase());
        if desc {
            items.reverse();
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn paging_defaults_clamps_and_rejects() {
        let q = Query::parse(None);
        assert_eq!(
            q.paging().unwrap(),
            Paging {
                page: 1,
                per_page: 100
            }
        );
        let q = Query::parse(Some("page=2&per_page=1000"));
        assert_eq!(
            q.paging().unwrap(),
            Paging {
                page: 2,
                per_page: 250
            }
        );
        assert!(Query::parse(Some("per_page=0")).paging().is_err());
        assert!(Query::parse(Some("per_page=ten")).paging().is_err());
        assert!(Query::parse(Some("page=0")).paging().is_err());
    }

    #[test]
    fn envelope_pages() {
        let p = Paging {
            page: 2,
            per_page: 3,
        };
        let e = p.envelope("trackers", (0..7).collect::<Vec<_>>(), false);
        assert_eq!(e.items, vec![3, 4, 5]);
        assert_eq!(e.total_pages, Some(3));
        assert_eq!(e.total_records, 7);
        let p = Paging {
            page: 9,
            per_page: 3,
        };
        let e = p.envelope("trackers", (0..7).collect::<Vec<_>>(), true);
        assert!(e.items.is_empty());
        assert_eq!(e.total_pages, None);
        let e = Paging {
            page: 1,
            per_page: 3,
        }
        .envelope("t", Vec::<u8>::new(), false);
        assert_eq!(e.total_pages, Some(1));
    }

    #[test]
    fn decodes_and_sorts() {
        let q = Query::parse(Some("search=Acme%20Plumbing&sort=name&order=desc"));
        assert_eq!(q.search().as_deref(), Some("acme plumbing"));
        assert_eq!(q.name_sort().unwrap(), Some(true));
        assert!(Query::parse(Some("sort=created_at")).name_sort().is_err());
        let mut v = vec!["b", "A", "c"];
        sort_by_name(&mut v, |s| s, Some(false));
        assert_eq!(v, vec!["A", "b", "c"]);
    }
}
