/**
 * The Apps Script entry: every global LeadGrade defines is exported here and listed in
 * `globals.ts`, from which the build writes the top-level functions Apps Script calls. Nothing
 * runs at load time except zod's configuration (no service is touched: AuthMode.NONE allows none).
 */
import { config } from "zod/mini";

// Apps Script runs zod without generating code at run time.
config({ jitless: true });

export {
  LEADCOLUMNS,
  LEADGRADE,
  LEADRFM,
  LEADSCORE,
  LEADSTAGE,
  LEADTREND,
  LEADWHY,
  NEXTFOLLOWUP,
} from "./customFunctions";
export {
  approvePendingOverridesFromMenu,
  assignUnownedLeadsFromMenu,
  insertLeadGradeColumns,
  installHourlyTriggerFromMenu,
  mergeDuplicateLeadsFromMenu,
  onInstall,
  onOpen,
  reclaimNeglectedLeadsFromMenu,
  refreshAsOfDate,
  removeHourlyTriggerFromMenu,
  restorePreviousRulesFromMenu,
  runPriorityPassFromMenu,
  takeSelectedLeadFromMenu,
  writeReportSheetFromMenu,
} from "./menu";
export { onEdit } from "./onEdit";
export { checkLeadGradeFromMenu } from "./selfCheck";
export {
  getSelectedFollowUpLead,
  getSidebarState,
  getWeekFromSidebar,
  learnFromSidebar,
  logFollowUpFromSidebar,
  openFollowUpPanel,
  openSidebar,
  openWeekPanel,
  previewSidebarRules,
  restoreSidebarRules,
  saveSidebarRules,
  setHourlyFromSidebar,
  takeFromPoolFromSidebar,
} from "./sidebar";
export { runHourlyPass, runPassOnEdit } from "./triggers";
