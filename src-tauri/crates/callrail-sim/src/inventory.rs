//! The pool of phone numbers trackers can buy: a fixed list of area codes, each with a fixed
//! number of numbers `+1{AC}555{NNNN}` (NNNN from 1000 up), handed out in order and never reused.

use crate::error::ApiError;
use crate::model::area_code_of;

/// Local area codes in the inventory, neighbours (same metro) adjacent in `METROS`.
pub const LOCAL_AREA_CODES: [&str; 15] = [
    "404", "470", "678", "770", "212", "646", "312", "415", "512", "617", "713", "305", "206",
    "303", "602",
];

/// Toll-free codes, in the order `toll_free: true` prefers them.
pub const TOLL_FREE_AREA_CODES: [&str; 4] = ["888", "877", "866", "855"];

/// Area codes that serve the same metro (`local` falls back to these first).
const METROS: [&[&str]; 2] = [&["404", "470", "678", "770"], &["212", "646"]];

/// Numbers in an area code can never exceed the 9000 values of NNNN.
const MAX_PER_AREA_CODE: usize = 9000;

/// Synthetic numbers (generated trackers) live in these area codes, outside the inventory.
pub const SYNTHETIC_AREA_CODES: std::ops::RangeInclusive<u16> = 200..=299;

/// A `tracking_number` / `pool_numbers` request.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NumberRequest {
    pub area_code: Option<String>,
    pub local: Option<String>,
    pub toll_free: bool,
}

#[derive(Debug, Clone)]
struct Stock {
    code: &'static str,
    toll_free: bool,
    next: usize,
}

#[derive(Debug, Clone)]
pub(crate) struct Inventory {
    per_code: usize,
    stock: Vec<Stock>,
    synthetic_next: u64,
}

impl Inventory {
    pub fn new(per_code: usize) -> Self {
        let stock = LOCAL_AREA_CODES
            .iter()
            .map(|c| (c, false))
            .chain(TOLL_FREE_AREA_CODES.iter().map(|c| (c, true)))
            .map(|(code, toll_free)| Stock {
                code,
                toll_free,
                next: 0,
            })
            .collect();
        Inventory {
            per_code: per_code.min(MAX_PER_AREA_CODE),
            stock,
            synthetic_next: 0,
        }
    }

    fn stock(&self, code: &str) -> Option<&Stock> {
        self.stock.iter().find(|s| s.code == code)
    }

    /// Numbers still available in `code` (0 for codes outside the inventory).
    pub fn available(&self, code: &str) -> usize {
        self.stock(code)
            .map_or(0, |s| self.per_code.saturating_sub(s.next))
    }

    pub fn is_toll_free(code: &str) -> bool {
        TOLL_FREE_AREA_CODES.contains(&code)
    }

    pub fn is_synthetic(code: &str) -> bool {
        code.parse::<u16>()
            .is_ok_and(|n| SYNTHETIC_AREA_CODES.contains(&n))
    }

    /// Which area code would serve `count` numbers for `req`, without taking them.
    pub fn plan(&self, req: &NumberRequest, count: usize) -> Result<String, ApiError> {
        let enough = |code: &str| self.available(code) >= count;
        if let Some(ac) = &req.area_code {
            if req.toll_free && !Self::is_toll_free(ac) {
                return Err(ApiError::bad_request(format!(
                    "Area code {ac} is not a toll-free area code"
                )));
            }
            return if enough(ac) {
                Ok(ac.clone())
            } else {
                Err(not_enough_in(ac))
            };
        }
        if req.toll_free {
            return TOLL_FREE_AREA_CODES
                .iter()
                .find(|c| enough(c))
                .map(|c| c.to_string())
                .ok_or_else(|| ApiError::bad_request("Not enough toll-free numbers available"));
        }
        let wanted = req.local.as_deref().and_then(area_code_of);
        let mut candidates: Vec<&str> = Vec::new();
        if let Some(w) = wanted {
            candidates.push(w);
            if let Some(metro) = METROS.iter().find(|m| m.contains(&w)) {
                candidates.extend(metro.iter().copied());
            }
        }
        candidates.extend(LOCAL_AREA_CODES.iter().copied());
        candidates
            .into_iter()
            .find(|c| !Self::is_toll_free(c) && enough(c))
            .map(str::to_string)
            .ok_or_else(|| ApiError::bad_request("Not enough local numbers available"))
    }

    /// Checks that `count` more numbers can come from `code` (a tracker's own area code).
    pub fn plan_same_code(&self, code: &str, count: usize) -> Result<(), ApiError> {
        if count == 0 || Self::is_synthetic(code) || self.available(code) >= count {
            Ok(())
        } else {
            Err(not_enough_in(code))
        }
    }

    /// Takes `count` numbers from `code`. Callers plan first; a shortfall yields fewer numbers.
    pub fn take(&mut self, code: &str, count: usize) -> Vec<String> {
        if Self::is_synthetic(code) {
            return (0..count).map(|_| self.synthetic(code)).collect();
        }
        let per_code = self.per_code;
        let Some(stock) = self.stock.iter_mut().find(|s| s.code == code) else {
            return Vec::new();
        };
        let n = count.min(per_code.saturating_sub(stock.next));
        let numbers = (stock.next..stock.next + n)
            .map(|i| format!("+1{}555{}", stock.code, 1000 + i))
            .collect();
        stock.next += n;
        numbers
    }

    /// A number outside the inventory (generated benchmark trackers), never repeated.
    pub fn synthetic(&mut self, code: &str) -> String {
        let n = self.synthetic_next;
        self.synthetic_next += 1;
        format!("+1{code}{}", 2_000_000 + n % 8_000_000)
    }

    /// Whether the stock behind `code` is toll-free.
    pub fn code_is_toll_free(&self, code: &str) -> bool {
        self.stock(code).is_some_and(|s| s.toll_free)
    }
}

fn not_enough_in(code: &str) -> ApiError {
    ApiError::bad_request(format!("Not enough numbers available in area code {code}"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn req(area: Option<&str>, local: Option<&str>, toll_free: bool) -> NumberRequest {
        NumberRequest {
            area_code: area.map(str::to_string),
            local: local.map(str::to_string),
            toll_free,
        }
    }

    #[test]
    fn hands_out_in_order_and_never_reuses() {
        let mut inv = Inventory::new(3);
        assert_eq!(inv.take("404", 2), vec!["+14045551000", "+14045551001"]);
        assert_eq!(inv.available("404"), 1);
        assert_eq!(inv.take("404", 1), vec!["+14045551002"]);
        assert_eq!(inv.available("404"), 0);
        assert!(inv.take("404", 1).is_empty());
    }

    #[test]
    fn area_code_is_mandatory() {
        let mut inv = Inventory::new(4);
        assert_eq!(inv.plan(&req(Some("404"), None, false), 4).unwrap(), "404");
        inv.take("404", 1);
        let err = inv
            .plan(&req(Some("404"), Some("+14045550100"), false), 4)
            .unwrap_err();
        assert_eq!(err.message, "Not enough numbers available in area code 404");
        let err = inv.plan(&req(Some("999"), None, false), 1).unwrap_err();
        assert_eq!(err.message, "Not enough numbers available in area code 999");
    }

    #[test]
    fn local_falls_back_to_the_metro_then_anywhere() {
        let mut inv = Inventory::new(2);
        assert_eq!(
            inv.plan(&req(None, Some("+14155550100"), false), 2)
                .unwrap(),
            "415"
        );
        inv.take("770", 2);
        inv.take("470", 2);
        inv.take("404", 2);
        assert_eq!(
            inv.plan(&req(None, Some("+17705550100"), false), 1)
                .unwrap(),
            "678"
        );
        assert_eq!(
            inv.plan(&req(None, Some("+19995550100"), false), 1)
                .unwrap(),
            "678"
        );
        assert!(inv
            .plan(&req(None, Some("+14045550100"), false), 3)
            .is_err());
    }

    #[test]
    fn toll_free_preference_and_mandatory_code() {
        let mut inv = Inventory::new(2);
        assert_eq!(inv.plan(&req(None, None, true), 1).unwrap(), "888");
        inv.take("888", 2);
        assert_eq!(inv.plan(&req(None, None, true), 2).unwrap(), "877");
        assert_eq!(inv.plan(&req(Some("866"), None, true), 2).unwrap(), "866");
        assert!(inv.plan(&req(Some("888"), None, true), 1).is_err());
        assert!(inv.plan(&req(Some("404"), None, true), 1).is_err());
        assert!(inv.code_is_toll_free("866"));
        assert!(!inv.code_is_toll_free("404"));
    }

    #[test]
    fn synthetic_numbers_bypass_the_inventory() {
        let mut inv = Inventory::new(0);
        assert!(inv.plan_same_code("250", 10).is_ok());
        assert!(inv.plan_same_code("404", 1).is_err());
        let a = inv.take("250", 2);
        assert_eq!(a, vec!["+12502000000", "+12502000001"]);
    }
}
