# The scenario arguments shared by invoke() and compare(), as the Rust routine takes them.
.scenario <- function(target, date, place, incident, response) {
  c(.string(target, "target", '"UKR"'),
    .string(date, "date", '"2025-09-01" or as.Date("2025-09-01")'),
    .string(place, "place", '"territory", "occupied", "region:europe", "sea"'),
    .string(incident, "incident", '"ukraine-2022"'),
    .string(response, "response", '"legal" or "escalation"'))
}

#' Invoke guarantees for one attack
#'
#' Which clauses an attack triggers, who must respond, why, and the response: the
#' answer of `casus invoke --format json` (schema `casus.invoke/1`, docs/invoke.md) as
#' a list. JSON objects are named lists, arrays unnamed lists, `null` is `NULL` — the
#' structure `jsonlite::fromJSON(json, simplifyVector = FALSE)` gives.
#'
#' @param attacker Attacking states (`"RUS"`, `365`, `"Russia"`) or `"non-state:NAME"`.
#' @param target The attacked state.
#' @param date Day of the attack, `"YYYY-MM-DD"` or a `Date`.
#' @param place Where the attack lands: `"territory"` (default), `"occupied"`,
#'   `"region:NAME"`, `"sea[:REGION]"`, `"forces-abroad[:REGION]"`.
#' @param incident An incident of the library (e.g. `"ukraine-2022"`) instead of
#'   `attacker`, `target`, `date`, `place`.
#' @param spec Guarantees to add: spec files or library ids (`"nato"`, `"ukraine-b"`)
#'   or ATOP ids (`"3180"`).
#' @param only_specs `TRUE`: invoke only `spec`, not every treaty in force.
#' @param response `"legal"` (default) or `"escalation"`.
#' @param all `TRUE`: also list clauses checked and not triggered.
#' @return A list (`schema`, `incident`, `obligations`, `response`, ...).
#' @examples
#' \donttest{
#' v <- invoke(attacker = "RUS", target = "UKR", date = "2025-09-01", spec = "ukraine-b")
#' vapply(v$obligations, function(o) o$status, "")
#' }
#' @export
invoke <- function(attacker = character(), target = NULL, date = NULL,
                   place = "territory", incident = NULL, spec = character(),
                   only_specs = FALSE, response = NULL, all = FALSE) {
  attacker <- .strings(if (is.numeric(attacker)) as.character(attacker) else attacker,
                       "attacker", '"RUS"')
  .ok(rs_invoke(attacker, .scenario(target, date, place, incident, response),
                .strings(spec, "spec", '"ukraine-b"'), .flag(only_specs, "only_specs"),
                .flag(all, "all")))
}

#' Compare guarantee variants for one attack
#'
#' Guarantee variants side by side: who is obliged and how strongly under each, the
#' balance, and each variant's likeness to NATO Article 5 — `casus compare --format
#' json` (`casus.compare/1`) as a list. Call it as `casus::compare()` where testthat is
#' attached (testthat has a `compare()` too).
#'
#' @inheritParams invoke
#' @param variants Two to eight specs: files or library ids.
#' @param spec More guarantees, as in [invoke()] (they are compared too, as in the CLI).
#' @return A list (`schema`, `incident`, `variants`, ...).
#' @examples
#' \donttest{
#' c4 <- casus::compare(c("ukraine-a", "ukraine-b", "ukraine-c", "ukraine-d"),
#'                      attacker = "RUS", target = "UKR", date = "2025-09-01")
#' }
#' @export
compare <- function(variants, attacker = character(), target = NULL, date = NULL,
                    place = "territory", incident = NULL, spec = character(),
                    only_specs = FALSE, response = NULL) {
  attacker <- .strings(if (is.numeric(attacker)) as.character(attacker) else attacker,
                       "attacker", '"RUS"')
  specs <- c(.strings(spec, "spec", '"ukraine-b"'),
             .strings(variants, "variants", 'c("ukraine-a", "ukraine-b")'))
  .ok(rs_compare(attacker, .scenario(target, date, place, incident, response), specs,
                 .flag(only_specs, "only_specs")))
}

#' Alliance reliability
#'
#' For every ATOP alliance: when a member was attacked and an ally's obligation was
#' triggered, did the ally keep its pledge? The answer of `casus reliability --format
#' json` (`casus.reliability/1`, docs/backtest.md) as a list, cases included.
#'
#' @param mids `FALSE` (default): cases from COW inter-state wars; `TRUE`: from GML
#'   militarized interstate disputes.
#' @param from,to First and last year (or day, `"YYYY-MM-DD"`); `NULL`: the data's ends.
#' @param min_hostility Lowest MID hostility of the attack (with `mids`): 4 use of
#'   force, 5 war.
#' @param joiners `TRUE`: count side-B joiners as attacked too.
#' @param during_war `TRUE`: alliances signed while a war lasts count for its attacks
#'   (wars only).
#' @param treaty Only these ATOP alliances (ids such as `"3180"`).
#' @return A list (`schema`, `overall`, `by_era`, `cases`, ...).
#' @examples
#' \donttest{
#' r <- reliability(to = 1944)
#' }
#' @export
reliability <- function(mids = FALSE, from = NULL, to = NULL, min_hostility = 4,
                        joiners = FALSE, during_war = FALSE, treaty = character()) {
  if (!is.numeric(min_hostility) || length(min_hostility) != 1 || is.na(min_hostility) ||
      min_hostility != round(min_hostility)) {
    .fail("`min_hostility` must be a whole number from 2 to 5 (4 use of force, 5 war)")
  }
  treaty <- .strings(if (is.numeric(treaty)) as.character(treaty) else treaty,
                     "treaty", '"3180"')
  window <- c(.string(from, "from", '1816 or "1816-01-01"'),
              .string(to, "to", '2003 or "2003-12-31"'))
  .ok(rs_reliability(.flag(mids, "mids"), window, as.integer(min_hostility),
                     .flag(joiners, "joiners"), .flag(during_war, "during_war"), treaty))
}
