/** CallRail's source types (callrail::rules::SOURCE_TYPES), in the words a marketer uses. */
export const SOURCE_TYPES: { value: string; label: string }[] = [
  { value: 'offline', label: 'Offline (print, billboard, radio, TV, mailer)' },
  { value: 'search', label: 'Search engine visitors' },
  { value: 'landing_url', label: 'Visitors landing on a page (URL)' },
  { value: 'landing_params', label: 'Visitors with a URL parameter (e.g. utm_source)' },
  { value: 'web_referrer', label: 'Visitors from a referring website' },
  { value: 'direct', label: 'Direct visitors (typed the address)' },
  { value: 'google_ad_extension', label: 'Google Ads call extension' },
  { value: 'mobile_ad_extension', label: 'Mobile ad call extension' },
  { value: 'google_my_business', label: 'Google Business Profile' },
  { value: 'facebook_all', label: 'Facebook (all visitors from Facebook)' },
  { value: 'bing_all', label: 'Microsoft Bing Ads (all)' },
  { value: 'all', label: 'All website visitors (swaps on every visit)' },
];

export const SEARCH_ENGINES = [
  { value: 'all', label: 'Any search engine' },
  { value: 'google', label: 'Google' },
  { value: 'bing', label: 'Bing' },
  { value: 'yahoo', label: 'Yahoo' },
];

export const SEARCH_TYPES = [
  { value: 'all', label: 'Paid and organic' },
  { value: 'paid', label: 'Paid (ads)' },
  { value: 'organic', label: 'Organic (unpaid results)' },
];

export const needsLanding = (kind: string) => kind === 'landing_url' || kind === 'landing_params';
