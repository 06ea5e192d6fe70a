// Short names for the shapes the Rust commands send back (the `_Serialize` side of bindings.ts).
import type {
  AccountView,
  CompanyView_Serialize,
  ConnectionView_Serialize,
  DniInfo_Serialize,
  FieldError,
  FormCheck_Serialize,
  IpcError_Serialize,
  TrackerDetail_Serialize,
  TrackerForm_Deserialize,
  TrackerChanges_Deserialize,
  TableHead_Serialize,
  TrackerRow_Serialize,
  UpdatePreview,
  WriteDone_Serialize,
  EntryState,
  ExportFormat,
  HistoryFilter_Deserialize,
  JournalEntry_Serialize,
  Operation,
  StoreInfo_Serialize,
  AvailableUpdate_Serialize,
  FilePlan_Serialize,
  PlannedRow_Serialize,
  Prices,
  UsageReport_Serialize,
  TrackerUsage_Serialize,
  CompanyUsage as CompanyUsageBinding,
  UsageStep,
  QuotaView,
  RunCounts,
  RunEvent_Serialize,
  RunRow_Serialize,
  RunView_Serialize,
  AccountSearch_Serialize,
  SearchHit_Serialize,
} from './bindings';

export type Connection = ConnectionView_Serialize;
export type Account = AccountView;
export type Company = CompanyView_Serialize;
export type TrackerRow = TrackerRow_Serialize;
export type AccountSearch = AccountSearch_Serialize;
export type SearchHit = SearchHit_Serialize;
export type TrackerDetail = TrackerDetail_Serialize;
/** A trackers table held in Rust, as opened. */
export type TableHead = TableHead_Serialize;
export type TrackerForm = TrackerForm_Deserialize;
export type TrackerChanges = TrackerChanges_Deserialize;
export type FormCheck = FormCheck_Serialize;
export type DniInfo = DniInfo_Serialize;
export type WriteDone = WriteDone_Serialize;
export type IpcError = IpcError_Serialize;
export type IpcErrorKind = IpcError['kind'];
export type JournalEntry = JournalEntry_Serialize;
export type HistoryFilter = HistoryFilter_Deserialize;
export type StoreInfo = StoreInfo_Serialize;
export type AvailableUpdate = AvailableUpdate_Serialize;
export type FilePlan = FilePlan_Serialize;
export type PlannedRow = PlannedRow_Serialize;
export type RunEvent = RunEvent_Serialize;
export type RunRow = RunRow_Serialize;
export type RunView = RunView_Serialize;
export type UsageReport = UsageReport_Serialize;
export type TrackerUsage = TrackerUsage_Serialize;
export type CompanyUsage = CompanyUsageBinding;
export type { EntryState, ExportFormat, FieldError, Operation, Prices, QuotaView, RunCounts, UpdatePreview, UsageStep };
